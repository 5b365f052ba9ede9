import { App, Button, Flex, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ChannelOutput } from '../../../shared/contract';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatDateTime, formatNumber } from '../../lib/format';

type Conflict = ChannelOutput<'stations.conflicts'>['items'][number];

const show = (v: string | null) => v ?? '(없음)';

/** HQ: each field two sides changed differently; the later version was applied, staff confirm or reverse. */
export function ConflictsPanel() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const stationId = params.get('station') ?? undefined;
  const [resolved, setResolved] = useState(false);
  const [page, setPage] = useState(1);
  const overview = useInvoke('stations.overview', {});
  const list = useInvoke('stations.conflicts', { resolved, stationId, page, pageSize: 50 });
  const resolve = useInvokeMutation('stations.resolveConflict', {
    invalidates: [
      'stations.conflicts',
      'stations.overview',
      'subscribers.list',
      'subscribers.get',
      'dashboard.summary',
    ],
  });
  const act = (c: Conflict, choose: 'local' | 'incoming') =>
    resolve.mutate(
      { id: c.id, choose },
      {
        onSuccess: (r) =>
          message.success(
            `${c.subjectName ?? '구독자'}의 ${c.fieldLabel}: ${choose === 'local' ? '본청' : '접수처'} 값으로 처리했습니다${r.applied ? '(값을 바꿈)' : ''}.`,
          ),
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Segmented
          aria-label="충돌 상태"
          value={resolved ? 'done' : 'open'}
          onChange={(v) => {
            setResolved(v === 'done');
            setPage(1);
          }}
          options={[
            { value: 'open', label: '검토할 충돌' },
            { value: 'done', label: '처리한 충돌' },
          ]}
        />
        <Select
          aria-label="접수처"
          placeholder="모든 접수처"
          allowClear
          style={{ width: 200 }}
          value={stationId}
          onChange={(v?: string) => {
            setParams(v ? { station: v } : {});
            setPage(1);
          }}
          options={(overview.data?.items ?? []).map((s) => ({ value: s.stationId, label: s.name }))}
        />
        <Typography.Text aria-live="polite">
          {resolved ? '처리한' : '검토할'} 충돌 <strong>{formatNumber(list.data?.total ?? 0)}</strong>건
        </Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary">
        같은 사람의 같은 항목을 본청과 접수처가 다르게 고쳤습니다. 더 나중 기록을 먼저 적용해 두었으니
        확인하고 어느 값을 남길지 고르세요. 어느 값도 버려지지 않고 여기에 남습니다.
      </Typography.Paragraph>
      <Table<Conflict>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: resolved ? '처리한 충돌이 없습니다.' : '검토할 충돌이 없습니다.' }}
        columns={[
          {
            title: '사람',
            dataIndex: 'subjectName',
            width: 110,
            render: (n: string | null, c) => n ?? c.entityId.slice(0, 8),
          },
          { title: '항목', dataIndex: 'fieldLabel', width: 100 },
          { title: '본청 값', dataIndex: 'localValue', width: 150, render: show },
          { title: '접수처 값', dataIndex: 'incomingValue', width: 150, render: show },
          {
            title: '적용된 값',
            dataIndex: 'chosen',
            width: 100,
            render: (ch: Conflict['chosen']) => <Tag color="blue">{ch === 'local' ? '본청' : '접수처'}</Tag>,
          },
          {
            title: '까닭',
            dataIndex: 'reason',
            render: (r: string, c) => (
              <>
                {r}
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {c.station?.name ?? ''} 꾸러미 {c.packageSeq}번 · {formatDateTime(c.createdAt)}
                  {c.resolvedAt ? ` · 처리 ${formatDateTime(c.resolvedAt)}` : ''}
                </Typography.Text>
              </>
            ),
          },
          ...(resolved
            ? []
            : [
                {
                  title: '처리',
                  key: 'act',
                  width: 210,
                  render: (_x: unknown, c: Conflict) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        aria-label={`${c.subjectName ?? ''} ${c.fieldLabel} 본청 값으로`}
                        loading={
                          resolve.isPending &&
                          resolve.variables?.id === c.id &&
                          resolve.variables.choose === 'local'
                        }
                        onClick={() => act(c, 'local')}
                      >
                        본청 값으로
                      </Button>
                      <Button
                        size="small"
                        aria-label={`${c.subjectName ?? ''} ${c.fieldLabel} 접수처 값으로`}
                        loading={
                          resolve.isPending &&
                          resolve.variables?.id === c.id &&
                          resolve.variables.choose === 'incoming'
                        }
                        onClick={() => act(c, 'incoming')}
                      >
                        접수처 값으로
                      </Button>
                    </Space>
                  ),
                },
              ]),
        ]}
      />
    </>
  );
}
