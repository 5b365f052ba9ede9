import { Card, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { OUTBOX_STATUS_LABELS, type OutboxStatus } from '../../../shared/contract/campaigns';
import { useSession } from '../../app/session';
import { useInvoke } from '../../hooks/useInvoke';
import { formatDateTime, formatPhone } from '../../lib/format';
import { CHANNEL_NAMES, OUTBOX_COLORS } from './util';

/** 받은 메시지 on a person's page: every campaign message sent to them, with its text and result. */
export function ReceivedMessages({ subscriberId }: { subscriberId: string }) {
  const { user } = useSession();
  // campaigns are PR work: dong users see a person's page without their messages
  if (user.role !== 'admin' && user.role !== 'pr') return null;
  return <MessagesCard subscriberId={subscriberId} />;
}

function MessagesCard({ subscriberId }: { subscriberId: string }) {
  const navigate = useNavigate();
  const q = useInvoke('campaigns.forSubscriber', { subscriberId });
  return (
    <Card title="받은 메시지" size="small">
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: q.error ? q.error.message : '받은 메시지가 없습니다.' }}
        expandable={{
          expandedRowRender: (r) => (
            <div>
              {r.subject && <Typography.Text strong>{r.subject}</Typography.Text>}
              <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'inherit' }}>{r.text}</pre>
            </div>
          ),
        }}
        columns={[
          {
            title: '캠페인',
            dataIndex: 'campaignName',
            render: (n: string, r) => (
              <a
                href={`#/campaigns/${r.campaignId}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/campaigns/${r.campaignId}`);
                }}
              >
                {n}
              </a>
            ),
          },
          {
            title: '채널',
            dataIndex: 'channel',
            width: 70,
            render: (c: 'sms' | 'email') => CHANNEL_NAMES[c],
          },
          {
            title: '받은 곳',
            key: 'address',
            width: 180,
            className: 'tabular',
            render: (_, r) => (r.channel === 'sms' ? formatPhone(r.address) : r.address),
          },
          {
            title: '결과',
            dataIndex: 'status',
            width: 160,
            render: (s: OutboxStatus, r) => (
              <>
                <Tag color={OUTBOX_COLORS[s]}>{OUTBOX_STATUS_LABELS[s]}</Tag>
                {r.openedAt && <Tag color="cyan">열람</Tag>}
              </>
            ),
          },
          {
            title: '보낸 때',
            key: 'at',
            width: 150,
            className: 'tabular',
            render: (_, r) => formatDateTime(r.sentAt ?? r.createdAt),
          },
        ]}
      />
    </Card>
  );
}
