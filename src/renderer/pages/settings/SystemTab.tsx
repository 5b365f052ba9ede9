import { CloudDownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Table, Typography } from 'antd';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatBytes, formatDateTime } from '../../lib/format';

const MODES = { electron: '데스크톱 프로그램', web: '웹 화면(시험·점검용)', cli: '명령줄' } as const;

/** Version, where the data lives, and backups. */
export function SystemTab({ isAdmin }: { isAdmin: boolean }) {
  const { message } = App.useApp();
  const info = useInvoke('system.info', {});
  const backups = useInvoke('system.backups', {}, { enabled: isAdmin });
  const backup = useInvokeMutation('system.backup', { invalidates: ['system.backups'] });

  return (
    <>
      <Card title="프로그램 정보" size="small" style={{ marginBottom: 16 }} loading={info.isPending}>
        {info.isError && <Typography.Text type="danger">{info.error.message}</Typography.Text>}
        {info.data && (
          <Descriptions
            column={1}
            bordered
            size="small"
            styles={{ label: { width: 180 } }}
            items={[
              { key: 'v', label: '버전', children: info.data.version },
              { key: 'm', label: '실행 방식', children: MODES[info.data.mode] },
              { key: 's', label: '이 컴퓨터의 접수처', children: info.data.stationName ?? '정하지 않음' },
              {
                key: 'db',
                label: 'DB 위치',
                children: <Typography.Text copyable>{info.data.dbPath}</Typography.Text>,
              },
              {
                key: 'b',
                label: '백업 폴더',
                children: <Typography.Text copyable>{info.data.backupDir}</Typography.Text>,
              },
            ]}
          />
        )}
      </Card>
      {isAdmin && (
        <Card
          title="백업"
          size="small"
          extra={
            <Button
              type="primary"
              icon={<CloudDownloadOutlined aria-hidden />}
              loading={backup.isPending}
              onClick={() =>
                backup.mutate(
                  {},
                  {
                    onSuccess: (b) =>
                      message.success(`백업을 만들었습니다: ${b.file} (${formatBytes(b.bytes)})`),
                    onError: (e) => message.error(errorMessage(e)),
                  },
                )
              }
            >
              지금 백업
            </Button>
          }
        >
          <Table
            rowKey="file"
            size="small"
            loading={backups.isPending}
            dataSource={backups.data?.items}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: '아직 백업이 없습니다.' }}
            columns={[
              {
                title: '만든 때',
                dataIndex: 'at',
                width: 160,
                className: 'tabular',
                render: (d: string) => formatDateTime(d),
              },
              { title: '파일', dataIndex: 'file' },
              {
                title: '크기',
                dataIndex: 'bytes',
                width: 110,
                align: 'right',
                render: (n: number) => formatBytes(n),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
