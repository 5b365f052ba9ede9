import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ChannelOutput } from '../../../shared/contract';
import { FormModal } from '../../components/FormModal';
import { applyServerError, errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { saveBase64 } from '../../lib/download';
import { formatDateTime, formatNumber } from '../../lib/format';
import { ImportCard } from './ImportCard';
import { countsText, OCTET, PASSPHRASE_RULES } from './labels';

type Overview = ChannelOutput<'stations.overview'>['items'][number];
type Received = ChannelOutput<'stations.received'>['items'][number];

function silentText(r: Overview): string {
  if (r.lastPackageAt === null) return '보낸 적 없음';
  return r.daysSilent === 0 ? '오늘' : `${r.daysSilent}일 전`;
}

/** HQ: packages in, per-station counts, who has gone quiet, receipts and reference packages out. */
export function HqSide() {
  return (
    <Flex vertical gap={16}>
      <ImportCard />
      <OverviewCard />
      <SilentCard />
      <ReceivedCard />
    </Flex>
  );
}

function OverviewCard() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const list = useInvoke('stations.overview', {});
  const [refFor, setRefFor] = useState<Overview | null>(null);
  const receipt = useInvokeMutation('stations.receiptExport');
  return (
    <Card size="small" title="접수처별 받은 꾸러미">
      <Table<Overview>
        size="small"
        rowKey="stationId"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          {
            title: '접수처',
            dataIndex: 'name',
            width: 170,
            render: (n: string, r) => (
              <>
                {n} <Typography.Text type="secondary">({r.code})</Typography.Text>
              </>
            ),
          },
          {
            title: '짝',
            dataIndex: 'paired',
            width: 80,
            render: (p: boolean) => (p ? <Tag color="green">맺음</Tag> : <Tag>없음</Tag>),
          },
          {
            title: '꾸러미',
            dataIndex: 'packages',
            width: 70,
            render: (v: number) => `${formatNumber(v)}개`,
          },
          { title: '마지막 꾸러미', key: 'last', width: 110, render: (_x, r) => silentText(r) },
          { title: '사람', dataIndex: 'people', width: 80, render: (v: number) => `${formatNumber(v)}명` },
          {
            title: '동의 기록',
            dataIndex: 'events',
            width: 90,
            render: (v: number) => `${formatNumber(v)}건`,
          },
          { title: '신청서', dataIndex: 'forms', width: 80, render: (v: number) => `${formatNumber(v)}장` },
          {
            title: '미해결 충돌',
            dataIndex: 'openConflicts',
            width: 100,
            render: (v: number, r) =>
              v > 0 ? (
                <a
                  href={`#/stations/conflicts?station=${r.stationId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/stations/conflicts?station=${encodeURIComponent(r.stationId)}`);
                  }}
                >
                  {formatNumber(v)}건
                </a>
              ) : (
                '0건'
              ),
          },
          {
            title: '보내기',
            key: 'actions',
            width: 230,
            render: (_x, r) =>
              r.paired ? (
                <Space size={4}>
                  <Button
                    size="small"
                    disabled={r.packages === 0}
                    loading={receipt.isPending && receipt.variables?.stationId === r.stationId}
                    onClick={() =>
                      receipt.mutate(
                        { stationId: r.stationId },
                        {
                          onSuccess: (x) => {
                            if (x.base64) saveBase64(x.fileName, x.base64, OCTET);
                            message.success(`${r.name} 수령증(꾸러미 ${x.packages}개)을 만들었습니다.`);
                          },
                          onError: (e) => message.error(errorMessage(e)),
                        },
                      )
                    }
                  >
                    수령증
                  </Button>
                  <Button size="small" onClick={() => setRefFor(r)}>
                    기준 자료
                  </Button>
                </Space>
              ) : (
                <Typography.Text type="secondary">짝을 먼저 맺으세요</Typography.Text>
              ),
          },
        ]}
      />
      <ReferenceModal station={refFor} onClose={() => setRefFor(null)} />
    </Card>
  );
}

function ReferenceModal({ station, onClose }: { station: Overview | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ passphrase: string }>();
  const [error, setError] = useState<string | null>(null);
  const exp = useInvokeMutation('stations.referenceExport');
  return (
    <FormModal<{ passphrase: string }>
      title={`${station?.name ?? ''} 기준 자료 꾸러미 만들기`}
      name="stationReference"
      open={!!station}
      form={form}
      okText="만들기"
      busy={exp.isPending}
      error={error}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onFinish={(v) =>
        station &&
        exp.mutate(
          { stationId: station.stationId, passphrase: v.passphrase },
          {
            onSuccess: (r) => {
              if (r.base64) saveBase64(r.fileName, r.base64, OCTET);
              message.success(
                `기준 자료를 만들었습니다: 수신거부 ${formatNumber(r.suppressions)}건, 분야 ${r.fields}개, 동 ${r.dongs}개.`,
              );
              setError(null);
              onClose();
            },
            onError: (e) => setError(applyServerError(form, e)),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">
        수신거부 명단(해시만), 분야·동·설정을 담아 접수처가 접수할 때 수신거부한 사람을 알려 줍니다.
      </Typography.Paragraph>
      <Form.Item label="암호" name="passphrase" rules={PASSPHRASE_RULES}>
        <Input.Password autoFocus autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}

function SilentCard() {
  const [days, setDays] = useState(7);
  const [all, setAll] = useState(false);
  const list = useInvoke('stations.silent', { days, includeUnpaired: all });
  const items = list.data?.items ?? [];
  return (
    <Card size="small" title="소식 없는 접수처">
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <Form layout="inline" component="div" name="station-silent">
          <Form.Item label="며칠 넘게" htmlFor="station-silent-days">
            <InputNumber
              id="station-silent-days"
              min={1}
              max={3650}
              value={days}
              onChange={(v) => setDays(typeof v === 'number' ? v : 7)}
              suffix="일"
            />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
              짝을 맺지 않은 접수처도
            </Checkbox>
          </Form.Item>
        </Form>
      </Flex>
      {items.length === 0 ? (
        <Typography.Text type="secondary" aria-live="polite">
          {days}일 안에 모든 접수처가 꾸러미를 보냈습니다.
        </Typography.Text>
      ) : (
        <ul aria-label="소식 없는 접수처 목록" style={{ margin: 0, paddingLeft: 18 }}>
          {items.map((r) => (
            <li key={r.stationId}>
              {r.name} ({r.code}) — 마지막 꾸러미 {silentText(r)}
              {r.lastPackageAt ? ` (${formatDateTime(r.lastPackageAt)}, ${r.lastSeq}번)` : ''}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ReceivedCard() {
  const [page, setPage] = useState(1);
  const list = useInvoke('stations.received', { page, pageSize: 20 });
  return (
    <Card size="small" title="가져온 꾸러미 이력">
      <Table<Received>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        locale={{ emptyText: '아직 가져온 꾸러미가 없습니다.' }}
        columns={[
          {
            title: '접수처',
            dataIndex: 'station',
            width: 160,
            render: (s: Received['station']) => s?.name ?? '?',
          },
          { title: '번호', dataIndex: 'seq', width: 70 },
          {
            title: '만든 때',
            dataIndex: 'packageCreatedAt',
            width: 150,
            render: (d: string) => formatDateTime(d),
          },
          {
            title: '가져온 때',
            dataIndex: 'importedAt',
            width: 150,
            render: (d: string) => formatDateTime(d),
          },
          {
            title: '가져온 사람',
            dataIndex: 'importedBy',
            width: 110,
            render: (u: string | null) => u ?? '',
          },
          { title: '내용', dataIndex: 'counts', render: (c: Received['counts']) => countsText(c) },
        ]}
      />
    </Card>
  );
}
