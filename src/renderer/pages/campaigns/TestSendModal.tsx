import { App, Form, Input, Modal, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import {
  type CampaignRow,
  OUTBOX_STATUS_LABELS,
  type OutboxRowOut,
  type OutboxStatus,
} from '../../../shared/contract/campaigns';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatPhone } from '../../lib/format';
import { CHANNEL_NAMES, OUTBOX_COLORS } from './util';

const lines = (s: string) =>
  s
    .split(/[\n,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** 시험 발송: the composed message now, to staff numbers and addresses (from settings, editable). */
export function TestSendModal({
  campaign,
  open,
  onClose,
}: {
  campaign: CampaignRow;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const settings = useInvoke('campaigns.settings.get', {}, { enabled: open });
  const [phones, setPhones] = useState('');
  const [emails, setEmails] = useState('');
  const [sent, setSent] = useState<OutboxRowOut[] | null>(null);
  const send = useInvokeMutation('campaigns.testSend', { invalidates: ['campaigns.recipients'] });
  const staff = settings.data?.testRecipients;
  useEffect(() => {
    if (open && staff) {
      setPhones(staff.phones.map(formatPhone).join('\n'));
      setEmails(staff.emails.join('\n'));
    }
  }, [open, staff]);

  const close = () => {
    setSent(null);
    send.reset();
    onClose();
  };
  return (
    <Modal
      title="시험 발송"
      open={open}
      okText={sent ? '닫기' : '시험 발송'}
      cancelText="취소"
      cancelButtonProps={{ style: sent ? { display: 'none' } : undefined }}
      confirmLoading={send.isPending}
      onCancel={close}
      onOk={() =>
        sent
          ? close()
          : send.mutate(
              {
                id: campaign.id,
                phones: campaign.channels.sms ? lines(phones) : [],
                emails: campaign.channels.email ? lines(emails) : [],
              },
              {
                onSuccess: (r) => {
                  setSent(r.items);
                  message.success(`${r.items.length}건을 시험으로 보냈습니다.`);
                },
              },
            )
      }
    >
      <FormError message={send.error ? errorMessage(send.error) : null} />
      {sent ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={sent}
          columns={[
            { title: '채널', dataIndex: 'channel', render: (c: 'sms' | 'email') => CHANNEL_NAMES[c] },
            { title: '받는 곳', dataIndex: 'address' },
            {
              title: '결과',
              dataIndex: 'status',
              render: (s: OutboxStatus, r) => (
                <>
                  <Tag color={OUTBOX_COLORS[s]}>{OUTBOX_STATUS_LABELS[s]}</Tag>
                  {r.reason}
                </>
              ),
            },
          ]}
        />
      ) : (
        <Form layout="vertical" component="div">
          {campaign.channels.sms && (
            <Form.Item
              label="시험 받을 휴대전화 번호"
              htmlFor="campaign-test-phones"
              extra="한 줄에 하나씩 (직원 번호)"
            >
              <Input.TextArea
                id="campaign-test-phones"
                rows={3}
                value={phones}
                onChange={(e) => setPhones(e.target.value)}
              />
            </Form.Item>
          )}
          {campaign.channels.email && (
            <Form.Item label="시험 받을 이메일 주소" htmlFor="campaign-test-emails" extra="한 줄에 하나씩">
              <Input.TextArea
                id="campaign-test-emails"
                rows={3}
                value={emails}
                onChange={(e) => setEmails(e.target.value)}
              />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
