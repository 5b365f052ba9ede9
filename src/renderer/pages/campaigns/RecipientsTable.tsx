import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ChannelName } from '../../../shared/contract';
import {
  type CampaignRow,
  type MessageChannel,
  OUTBOX_STATUS_LABELS,
  type OutboxRowOut,
  type OutboxStatus,
} from '../../../shared/contract/campaigns';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatDateTime, formatNumber, formatPhone } from '../../lib/format';
import { useDebounced } from './useDebounced';
import { CHANNEL_NAMES, downloadBase64, OUTBOX_COLORS } from './util';

const INVALIDATE: ChannelName[] = [
  'campaigns.get',
  'campaigns.results',
  'campaigns.recipients',
  'campaigns.list',
];
const PAGE = 100;

const addressText = (r: Pick<OutboxRowOut, 'channel' | 'address'>) =>
  r.channel === 'sms' ? formatPhone(r.address) : r.address;

/** 받는 사람별 결과: server-paged (100 rows a page), filters, xlsx export with a reason, resends. */
export function RecipientsTable({ campaign }: { campaign: CampaignRow }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [channel, setChannel] = useState<MessageChannel | undefined>();
  const [status, setStatus] = useState<OutboxStatus | undefined>();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 300);
  const [includeTests, setIncludeTests] = useState(false);
  const [page, setPage] = useState(1);
  const list = useInvoke(
    'campaigns.recipients',
    { id: campaign.id, page, pageSize: PAGE, channel, status, q: dq || undefined, includeTests },
    // no polling: every read of this list is audited; it refreshes when the send's status changes
    { placeholderData: (prev) => prev },
  );
  const [exporting, setExporting] = useState(false);
  const [reason, setReason] = useState('');
  const exp = useInvokeMutation('campaigns.export');
  const [fixing, setFixing] = useState<OutboxRowOut | null>(null);
  const [address, setAddress] = useState('');
  const resendOne = useInvokeMutation('campaigns.resendOne', { invalidates: INVALIDATE });
  const resolve = useInvokeMutation('campaigns.resolveReview', { invalidates: INVALIDATE });

  const columns: ColumnsType<OutboxRowOut> = [
    {
      title: '이름',
      dataIndex: 'name',
      width: 120,
      render: (name: string, r) =>
        r.subscriberId ? (
          <a
            href={`#/subscribers/${r.subscriberId}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/subscribers/${r.subscriberId}`);
            }}
          >
            {name}
          </a>
        ) : (
          name
        ),
    },
    {
      title: '채널',
      dataIndex: 'channel',
      width: 70,
      render: (c: MessageChannel) => CHANNEL_NAMES[c],
    },
    {
      title: '번호·주소',
      key: 'address',
      width: 200,
      className: 'tabular',
      ellipsis: true,
      render: (_, r) => addressText(r),
    },
    {
      title: '상태',
      dataIndex: 'status',
      width: 100,
      render: (s: OutboxStatus, r) => (
        <>
          <Tag color={OUTBOX_COLORS[s]}>{OUTBOX_STATUS_LABELS[s]}</Tag>
          {r.isTest && <Tag>시험</Tag>}
        </>
      ),
    },
    {
      title: '사유',
      key: 'reason',
      ellipsis: true,
      render: (_, r) => (r.reason ? `${r.reason}${r.providerCode ? ` (${r.providerCode})` : ''}` : ''),
    },
    { title: '시도', dataIndex: 'attempts', width: 60, align: 'right' },
    {
      title: '처리 시각',
      key: 'at',
      width: 150,
      className: 'tabular',
      render: (_, r) => formatDateTime(r.doneAt ?? r.sentAt ?? r.createdAt),
    },
    {
      title: '열람',
      dataIndex: 'openedAt',
      width: 150,
      className: 'tabular',
      render: (d: string | null) => (d ? formatDateTime(d) : ''),
    },
    {
      title: '처리',
      key: 'act',
      width: 230,
      render: (_, r) => (
        <Space size={4} wrap>
          {(r.status === 'failed' || r.status === 'bounced') && (
            <Button
              size="small"
              onClick={() => {
                setAddress(addressText(r));
                setFixing(r);
              }}
            >
              주소 수정 후 재발송
            </Button>
          )}
          {r.status === 'needs_review' &&
            (
              [
                ['sent', '보냄'],
                ['resend', '재발송'],
                ['failed', '실패'],
              ] as const
            ).map(([decision, label]) => (
              <Button
                key={decision}
                size="small"
                onClick={() =>
                  resolve.mutate(
                    { id: campaign.id, outboxIds: [r.id], decision },
                    { onError: (e) => message.error(errorMessage(e)) },
                  )
                }
              >
                {label}
              </Button>
            ))}
        </Space>
      ),
    },
  ];

  const doExport = () =>
    exp.mutate(
      { id: campaign.id, channel, status, reason },
      {
        onSuccess: (r) => {
          downloadBase64(r.fileName, r.contentBase64);
          message.success(`${formatNumber(r.rows)}건을 엑셀로 내려받았습니다: ${r.fileName}`);
          setExporting(false);
          setReason('');
        },
      },
    );

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          aria-label="채널 거르기"
          allowClear
          placeholder="모든 채널"
          style={{ width: 130 }}
          value={channel}
          onChange={(v) => {
            setChannel(v);
            setPage(1);
          }}
          options={(['sms', 'email'] as const).map((c) => ({ value: c, label: CHANNEL_NAMES[c] }))}
        />
        <Select
          aria-label="상태 거르기"
          allowClear
          placeholder="모든 상태"
          style={{ width: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(Object.keys(OUTBOX_STATUS_LABELS) as OutboxStatus[]).map((s) => ({
            value: s,
            label: OUTBOX_STATUS_LABELS[s],
          }))}
        />
        <Input.Search
          aria-label="받는 사람 검색"
          placeholder="이름·번호·주소"
          allowClear
          style={{ width: 240 }}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <Checkbox checked={includeTests} onChange={(e) => setIncludeTests(e.target.checked)}>
          시험 발송 포함
        </Checkbox>
        <div style={{ flex: 1 }} />
        <Button loading={list.isFetching} onClick={() => list.refetch()}>
          새로 고침
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => setExporting(true)}>
          엑셀로 내보내기
        </Button>
      </Flex>
      <section aria-label="받는 사람별 결과">
        <Table<OutboxRowOut>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: '해당하는 사람이 없습니다.' }}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (t) => `${formatNumber(t)}건`,
          }}
        />
      </section>
      <Modal
        title="받는 사람별 결과 내보내기"
        open={exporting}
        okText="내려받기"
        cancelText="취소"
        confirmLoading={exp.isPending}
        onCancel={() => setExporting(false)}
        onOk={doExport}
      >
        <FormError message={exp.error ? errorMessage(exp.error) : null} />
        <Typography.Paragraph type="secondary">
          지금 고른 채널·상태의 사람들을 엑셀로 내려받습니다. 개인정보가 담긴 파일이므로 사유가 접속기록에
          남습니다.
        </Typography.Paragraph>
        <Form layout="vertical" component="div">
          <Form.Item label="내려받는 사유" htmlFor="campaign-export-reason">
            <Input
              id="campaign-export-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onPressEnter={doExport}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="주소 수정 후 재발송"
        open={!!fixing}
        okText="고쳐서 다시 보내기"
        cancelText="취소"
        confirmLoading={resendOne.isPending}
        onCancel={() => {
          setFixing(null);
          resendOne.reset();
        }}
        onOk={() =>
          fixing &&
          resendOne.mutate(
            {
              outboxId: fixing.id,
              address: address.trim() && address.trim() !== addressText(fixing) ? address.trim() : undefined,
            },
            {
              onSuccess: () => {
                message.success(`${fixing.name}님에게 다시 보내기로 했습니다.`);
                setFixing(null);
              },
            },
          )
        }
      >
        <FormError message={resendOne.error ? errorMessage(resendOne.error) : null} />
        {fixing && (
          <Form layout="vertical" component="div">
            <Typography.Paragraph>
              {fixing.name} · {fixing.reason ?? OUTBOX_STATUS_LABELS[fixing.status]}
            </Typography.Paragraph>
            <Form.Item
              label={fixing.channel === 'sms' ? '휴대전화 번호' : '이메일 주소'}
              htmlFor="campaign-resend-address"
              extra="고친 번호·주소는 구독자 정보에도 반영됩니다."
            >
              <Input
                id="campaign-resend-address"
                value={address}
                onChange={(e) => setAddress(e.target.value)}
              />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
