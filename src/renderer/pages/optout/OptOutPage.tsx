import { Button, Flex, Input, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  OPTOUT_SOURCE_LABELS,
  type OptOutMessageRow,
  type OptOutStatus,
} from '../../../shared/contract/optout';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { formatDateTime, formatNumber, formatPhone } from '../../lib/format';
import { IngestModal } from './IngestModal';
import { INBOX_TABS, CHANNEL_LABELS } from './labels';
import { ManualModal } from './ManualModal';
import { ResolveModal } from './ResolveModal';
import { StatsTab } from './StatsTab';

type TabKey = OptOutStatus | 'stats';

function phoneOf(r: OptOutMessageRow): string {
  const raw = r.mobile ?? r.sender;
  if (!raw) return r.email ?? '';
  const digits = raw.replace(/\D/g, '');
  return digits ? formatPhone(digits) : raw;
}

function Inbox({ status }: { status: OptOutStatus }) {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [action, setAction] = useState<'apply' | 'dismiss' | null>(null);
  const list = useInvoke('optout.list', { status, page, pageSize: 50, ...(q ? { q } : {}) });
  const rows = list.data?.items ?? [];
  const chosen = rows.filter((r) => selected.includes(r.id));

  const columns: ColumnsType<OptOutMessageRow> = [
    {
      title: '받은 시각',
      dataIndex: 'receivedAt',
      width: 150,
      className: 'tabular',
      render: (d: string, r) => (r.timeKnown ? formatDateTime(d) : `${formatDateTime(d).slice(0, 10)}`),
    },
    { title: '번호', key: 'phone', width: 140, className: 'tabular', render: (_, r) => phoneOf(r) },
    {
      title: '내용',
      dataIndex: 'text',
      // plain text only: React escapes it, never rendered as HTML
      render: (t: string, r) => (
        <div>
          <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{t}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {OPTOUT_SOURCE_LABELS[r.source]}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '판단 사유', dataIndex: 'reason', width: 200, render: (v: string | null) => v ?? '' },
    {
      title: '범위',
      key: 'scope',
      width: 160,
      render: (_, r) => (
        <>
          {r.scope === 'all' ? '전체 분야' : r.fieldNames.join(', ')}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {CHANNEL_LABELS[r.channel]}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: '대상자',
      key: 'matched',
      width: 160,
      render: (_, r) =>
        r.matched.length ? (
          <Flex vertical gap={2}>
            {r.matched.map((p) => (
              <Link key={p.id} to={`/subscribers/${p.id}`}>
                {p.name}
              </Link>
            ))}
          </Flex>
        ) : r.suppressed ? (
          <Tag>수신거부 목록에만 등록</Tag>
        ) : (
          <Typography.Text type="secondary">없음</Typography.Text>
        ),
    },
  ];

  const actionable = status !== 'applied' && status !== 'dismissed';

  return (
    <>
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 12 }} wrap>
        <Input.Search
          aria-label="번호·내용 검색"
          placeholder="번호·내용 검색"
          allowClear
          style={{ width: 260 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        {actionable && (
          <Flex gap={8} align="center">
            <Typography.Text type="secondary">
              {selected.length ? `${selected.length}건 선택` : ''}
            </Typography.Text>
            <Button type="primary" disabled={!chosen.length} onClick={() => setAction('apply')}>
              적용
            </Button>
            <Button disabled={!chosen.length} onClick={() => setAction('dismiss')}>
              무시
            </Button>
          </Flex>
        )}
      </Flex>
      <FormError message={list.error ? errorMessage(list.error) : null} />
      <Table<OptOutMessageRow>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        columns={columns}
        rowSelection={
          actionable
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
            : undefined
        }
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `${formatNumber(t)}건`,
          onChange: setPage,
        }}
        locale={{ emptyText: '이 상태의 메시지가 없습니다' }}
      />
      <ResolveModal
        action={action}
        rows={chosen}
        onClose={(done) => {
          setAction(null);
          if (done) setSelected([]);
        }}
      />
    </>
  );
}

export function OptOutPage() {
  const [tab, setTab] = useState<TabKey>('new');
  const [ingestOpen, setIngestOpen] = useState(false);
  const [manualOpen, setManualOpen] = useState(false);
  // counts per status for the tab labels (one small call; refreshed with every optout.list invalidation)
  const counts = useInvoke('optout.list', { pageSize: 1 }).data?.counts ?? {};

  return (
    <>
      <PageHeader
        title="수신거부"
        description="받은 수신거부 요청을 구독자와 맞춰 해지합니다. 분명한 요청은 바로 적용되고, 애매한 글은 검토 필요로 모입니다."
        extra={
          <>
            <Button onClick={() => setManualOpen(true)}>전화·방문 접수</Button>
            <Button type="primary" onClick={() => setIngestOpen(true)}>
              휴대폰 문자 붙여넣기
            </Button>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        destroyOnHidden
        items={[
          ...INBOX_TABS.map((t) => ({
            key: t.status,
            label: `${t.label} ${formatNumber(counts[t.status] ?? 0)}`,
            children: <Inbox status={t.status} />,
          })),
          { key: 'stats', label: '통계', children: <StatsTab /> },
        ]}
      />
      <IngestModal open={ingestOpen} onClose={() => setIngestOpen(false)} />
      <ManualModal open={manualOpen} onClose={() => setManualOpen(false)} />
    </>
  );
}
