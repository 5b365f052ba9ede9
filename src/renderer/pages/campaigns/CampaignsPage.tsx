import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  CAMPAIGN_STATUS_LABELS,
  type CampaignRow,
  type CampaignStatus,
} from '../../../shared/contract/campaigns';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { formatDateTime, formatNumber } from '../../lib/format';
import { GatewayNotice } from './GatewayNotice';
import { STATUS_COLORS, sumOf } from './util';

/** Totals over both channels, as the list shows them. */
function totals(c: CampaignRow) {
  const all: Record<string, number> = {};
  for (const ch of [c.counts.sms, c.counts.email])
    for (const [k, v] of Object.entries(ch)) all[k] = (all[k] ?? 0) + v;
  return all;
}

const n = (v: number) => formatNumber(v);

/** 캠페인 목록: status and totals (queued → accepted → delivered / failed / bounced / opened). */
export function CampaignsPage() {
  const navigate = useNavigate();
  const [status, setStatus] = useState<CampaignStatus | undefined>();
  const [page, setPage] = useState(1);
  const list = useInvoke(
    'campaigns.list',
    { page, pageSize: 50, status },
    {
      placeholderData: (prev) => prev,
      // while something is sending the totals move; refresh the page of rows, not per message
      refetchInterval: (q) =>
        q.state.data?.items.some((c) => c.status === 'sending' || c.status === 'scheduled') ? 3000 : false,
    },
  );
  const open = (c: CampaignRow) => navigate(`/campaigns/${c.id}`);

  const columns: ColumnsType<CampaignRow> = [
    {
      title: '캠페인',
      dataIndex: 'name',
      render: (name: string, c) => (
        <a
          href={`#/campaigns/${c.id}`}
          onClick={(e) => {
            e.preventDefault();
            open(c);
          }}
        >
          {name}
        </a>
      ),
    },
    {
      title: '종류',
      dataIndex: 'kind',
      width: 70,
      render: (k: CampaignRow['kind']) => (k === 'notice' ? '고지' : '안내'),
    },
    {
      title: '채널',
      key: 'channels',
      width: 110,
      render: (_, c) => (
        <>
          {c.channels.sms && <Tag>문자{c.smsClass ? `(${c.smsClass})` : ''}</Tag>}
          {c.channels.email && <Tag>이메일</Tag>}
        </>
      ),
    },
    {
      title: '상태',
      dataIndex: 'status',
      width: 120,
      render: (s: CampaignStatus, c) => (
        <>
          <Tag color={STATUS_COLORS[s]}>{CAMPAIGN_STATUS_LABELS[s]}</Tag>
          {c.awaitingApproval && <Tag color="gold">승인 대기</Tag>}
        </>
      ),
    },
    { title: '전체', dataIndex: 'total', width: 80, align: 'right', render: n },
    ...(
      [
        ['대기', ['queued', 'sending']],
        ['접수', ['accepted']],
        ['전달', ['delivered']],
        ['실패', ['failed']],
        ['반송', ['bounced']],
        ['확인 필요', ['needs_review']],
      ] as const
    ).map(([title, states]) => ({
      title,
      key: title,
      width: 80,
      align: 'right' as const,
      className: 'tabular',
      render: (_: unknown, c: CampaignRow) => n(sumOf(totals(c), [...states])),
    })),
    {
      title: '발송·예약',
      key: 'when',
      width: 150,
      className: 'tabular',
      render: (_, c) =>
        c.launchedAt
          ? formatDateTime(c.launchedAt)
          : c.scheduledAt
            ? `${formatDateTime(c.scheduledAt)} 예약`
            : '',
    },
    {
      title: '만든 때',
      dataIndex: 'createdAt',
      width: 150,
      className: 'tabular',
      render: (d: string) => formatDateTime(d),
    },
  ];

  return (
    <>
      <PageHeader
        title="캠페인"
        description="분야를 골라 문자(SMS·LMS)와 이메일을 보내고 결과를 봅니다. 고지 캠페인은 부서의 엑셀 자료로 한 사람씩 다른 내용을 보냅니다."
        extra={
          <>
            <Button onClick={() => navigate('/campaigns/new?kind=notice')}>새 고지 캠페인</Button>
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate('/campaigns/new')}
            >
              새 캠페인
            </Button>
          </>
        }
      />
      <GatewayNotice />
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text id="campaign-status-filter">상태</Typography.Text>
        <Select
          aria-labelledby="campaign-status-filter"
          allowClear
          placeholder="모든 상태"
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(Object.keys(CAMPAIGN_STATUS_LABELS) as CampaignStatus[]).map((s) => ({
            value: s,
            label: CAMPAIGN_STATUS_LABELS[s],
          }))}
        />
      </Flex>
      <Table<CampaignRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: '아직 캠페인이 없습니다. [새 캠페인]으로 만드세요.' }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (t) => `${formatNumber(t)}개`,
        }}
      />
    </>
  );
}
