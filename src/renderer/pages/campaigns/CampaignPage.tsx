import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result, Space, Spin, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { CAMPAIGN_STATUS_LABELS } from '../../../shared/contract/campaigns';
import { PageHeader } from '../../components/PageHeader';
import { useInvoke } from '../../hooks/useInvoke';
import { formatDateTime } from '../../lib/format';
import { DraftPanel } from './DraftPanel';
import { GatewayNotice } from './GatewayNotice';
import { ProgressCard } from './ProgressCard';
import { RecipientsTable } from './RecipientsTable';
import { ResultsCard } from './ResultsCard';
import { STATUS_COLORS } from './util';

/** /campaigns/:id — before sending: preview and send controls; after: progress, results, recipients. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  // Events drive the progress bar; this slow poll only catches a status change whose event was missed.
  const q = useInvoke(
    'campaigns.get',
    { id },
    {
      refetchInterval: (query) =>
        ['sending', 'scheduled'].includes(query.state.data?.status ?? '') ? 3000 : false,
    },
  );
  if (q.isLoading) return <Spin />;
  if (q.isError || !q.data)
    return <Result status="404" title={q.error?.message ?? '캠페인을 찾을 수 없습니다'} />;
  const c = q.data;
  const before = c.status === 'draft' || c.status === 'scheduled';
  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <Space wrap>
            <Tag color={STATUS_COLORS[c.status]}>{CAMPAIGN_STATUS_LABELS[c.status]}</Tag>
            <Tag>{c.kind === 'notice' ? '고지' : '안내'}</Tag>
            {c.channels.sms && <Tag>문자{c.smsClass ? ` ${c.smsClass}` : ''}</Tag>}
            {c.channels.email && <Tag>이메일</Tag>}
            {c.isAd && <Tag color="magenta">광고</Tag>}
            {c.launchedAt && (
              <Typography.Text type="secondary">{formatDateTime(c.launchedAt)} 발송 시작</Typography.Text>
            )}
            {c.finishedAt && (
              <Typography.Text type="secondary">· {formatDateTime(c.finishedAt)} 끝남</Typography.Text>
            )}
          </Space>
        }
        extra={
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/campaigns')}>
            목록
          </Button>
        }
      />
      <GatewayNotice email={c.channels.email} />
      {before ? (
        <DraftPanel campaign={c} />
      ) : (
        <Flex vertical gap={16}>
          <ProgressCard campaign={c} />
          <ResultsCard campaign={c} />
          <Card title="받는 사람별 결과" size="small">
            <RecipientsTable campaign={c} />
          </Card>
        </Flex>
      )}
    </>
  );
}
