import { Alert, Button, Flex, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import type { BounceRow } from '../../../shared/contract/public';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { formatDate, formatDateTime, formatNumber, formatPhone } from '../../lib/format';
import { BlocksTab } from './BlocksTab';
import { FixModal } from './FixModal';
import { bounceReason } from './reasons';

type State = 'open' | 'resolved';
const NONE: ReadonlySet<number> = new Set();

function HardList({ state, hide }: { state: State; hide: ReadonlySet<number> }) {
  const [page, setPage] = useState(1);
  const [target, setTarget] = useState<{ row: BounceRow; mode: 'fix' | 'done' } | null>(null);
  const list = useInvoke('bounces.list', { kind: 'hard', state, page, pageSize: 50 });
  // 5.7.x bursts are reviewed in their own tab, not corrected one address at a time
  const rows = (list.data?.items ?? []).filter((r) => !hide.has(r.id));
  const total = Math.max(0, (list.data?.total ?? 0) - (state === 'open' ? hide.size : 0));

  const columns: ColumnsType<BounceRow> = [
    {
      title: '반송 날짜',
      dataIndex: 'at',
      width: 110,
      className: 'tabular',
      render: (d: string) => formatDate(d),
    },
    {
      title: '사람',
      key: 'person',
      width: 170,
      render: (_, r) =>
        r.subscriberId ? (
          <Flex vertical gap={2}>
            <Link to={`/subscribers/${r.subscriberId}`}>{r.subscriberName ?? '(이름 없음)'}</Link>
            {r.mobile && <Typography.Text className="tabular">{formatPhone(r.mobile)}</Typography.Text>}
            {r.dongName && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.dongName}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">연결된 사람 없음</Typography.Text>
        ),
    },
    {
      title: '반송된 주소',
      key: 'email',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Typography.Text style={{ wordBreak: 'break-all' }}>{r.email ?? ''}</Typography.Text>
          {r.currentEmail && r.currentEmail !== r.email && (
            <Typography.Text type="success" style={{ fontSize: 12 }}>
              지금 주소: {r.currentEmail}
            </Typography.Text>
          )}
          {r.markedInvalid && <Tag color="red">수신 불가로 표시됨</Tag>}
        </Flex>
      ),
    },
    {
      title: '사유',
      key: 'reason',
      width: 240,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Typography.Text>{bounceReason(r.status)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {[r.status, r.diagnostic].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '캠페인',
      key: 'campaign',
      width: 160,
      render: (_, r) =>
        r.campaignId ? <Link to={`/campaigns/${r.campaignId}`}>{r.campaignName ?? '캠페인'}</Link> : '',
    },
    {
      title: '신청서',
      key: 'forms',
      width: 170,
      render: (_, r) =>
        r.forms.length ? (
          <Flex vertical gap={2}>
            {r.forms.map((f) => (
              <Typography.Text key={f.formRef} className="tabular">
                {f.formRef}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  {[f.stationName, formatDate(f.signedAt)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Typography.Text>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">없음</Typography.Text>
        ),
    },
    state === 'open'
      ? {
          title: '처리',
          key: 'actions',
          width: 200,
          render: (_, r) => (
            <Space wrap>
              {r.outboxId !== null && (
                <Button
                  size="small"
                  type="primary"
                  aria-label={`${r.subscriberName ?? r.email} 주소 고치기`}
                  onClick={() => setTarget({ row: r, mode: 'fix' })}
                >
                  주소 고치기
                </Button>
              )}
              <Button
                size="small"
                aria-label={`${r.subscriberName ?? r.email} 처리 완료`}
                onClick={() => setTarget({ row: r, mode: 'done' })}
              >
                처리 완료
              </Button>
            </Space>
          ),
        }
      : {
          title: '처리',
          key: 'resolved',
          width: 200,
          render: (_, r) => (
            <Flex vertical gap={2}>
              <Typography.Text className="tabular">
                {r.resolvedAt ? formatDateTime(r.resolvedAt) : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.resolvedNote ?? ''}
              </Typography.Text>
            </Flex>
          ),
        },
  ];

  return (
    <>
      <FormError message={list.error ? errorMessage(list.error) : null} />
      <Table<BounceRow>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: () => `${formatNumber(total)}건`,
          onChange: setPage,
        }}
        locale={{ emptyText: state === 'open' ? '고칠 반송 주소가 없습니다' : '처리한 반송이 없습니다' }}
      />
      <FixModal row={target?.row ?? null} mode={target?.mode ?? 'done'} onClose={() => setTarget(null)} />
    </>
  );
}

/** 반송 정정: addresses that bounced for good, with the paper form to call the person about. */
export function BouncesPage() {
  const [tab, setTab] = useState('open');
  const status = useInvoke('bounces.status', {});
  // totals only (pageSize 1): soft bounces are counted, not corrected
  const soft = useInvoke('bounces.list', { kind: 'soft', state: 'all', pageSize: 1 });
  const blocks = useInvoke('bounces.suspectedBlocks', {});
  const s = status.data;
  const suspected = new Set((blocks.data?.groups ?? []).flatMap((g) => g.items.map((i) => i.bounceId)));

  return (
    <>
      <PageHeader
        title="반송 정정"
        description="받는 쪽에서 영구히 거절한 이메일 주소입니다. 신청서 번호로 본인에게 전화해 주소를 확인하고 고치세요."
      />
      {s && (
        <Alert
          type={s.lastError ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span role="status">
              고칠 주소 {formatNumber(Math.max(0, s.openHard - suspected.size))}건 · 일시 실패(자동 재시도,
              정정 불필요) {formatNumber(soft.data?.total ?? 0)}건
              {s.lastPollAt ? ` · 마지막 메일함 확인 ${formatDateTime(s.lastPollAt)}` : ''}
            </span>
          }
          description={
            s.lastError
              ? `반송 메일함 확인 오류: ${s.lastError}`
              : !s.configured
                ? '반송 메일함이 아직 설정되지 않았습니다. 설정 → 반송 메일함에서 설정하세요.'
                : undefined
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'open', label: '고칠 주소', children: <HardList state="open" hide={suspected} /> },
          { key: 'resolved', label: '처리한 것', children: <HardList state="resolved" hide={NONE} /> },
          {
            key: 'blocks',
            label: `발신 차단 의심 ${formatNumber(blocks.data?.groups.length ?? 0)}`,
            children: <BlocksTab />,
          },
        ]}
      />
    </>
  );
}
