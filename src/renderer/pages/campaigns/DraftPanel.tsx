import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ChannelName } from '../../../shared/contract';
import type { CampaignRow } from '../../../shared/contract/campaigns';
import { useSession } from '../../app/session';
import { FormError } from '../../components/FormError';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatDateTime, formatNumber } from '../../lib/format';
import { PhonePreview } from './PhonePreview';
import { TestSendModal } from './TestSendModal';
import { isNightAt } from './util';

const INVALIDATE: ChannelName[] = [
  'campaigns.get',
  'campaigns.list',
  'campaigns.preview',
  'campaigns.results',
];
const NIGHT_AD =
  '광고 문자는 밤 9시부터 아침 8시까지 보낼 수 없습니다 (정보통신망법 제50조). 8시 이후로 예약하세요.';

/** "2026-03-02T09:30" (datetime-local) an hour from now, on the minute. */
function inAnHour(): string {
  const d = new Date(Date.now() + 3600_000);
  d.setSeconds(0, 0);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Before it goes: the final preview, problems, approval, test send, schedule and launch. */
export function DraftPanel({ campaign: c }: { campaign: CampaignRow }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { user } = useSession();
  const preview = useInvoke('campaigns.preview', { id: c.id });
  const audience = useInvoke('campaigns.audience', { id: c.id });
  const launch = useInvokeMutation('campaigns.launch', { invalidates: INVALIDATE });
  const schedule = useInvokeMutation('campaigns.schedule', { invalidates: INVALIDATE });
  const unschedule = useInvokeMutation('campaigns.unschedule', { invalidates: INVALIDATE });
  const approve = useInvokeMutation('campaigns.approve', { invalidates: INVALIDATE });
  const reject = useInvokeMutation('campaigns.reject', { invalidates: INVALIDATE });
  const del = useInvokeMutation('campaigns.delete', { invalidates: ['campaigns.list'] });
  const [launching, setLaunching] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [testing, setTesting] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [night, setNight] = useState(false);
  const [at, setAt] = useState(inAnHour);
  const [note, setNote] = useState('');

  const draft = c.status === 'draft';
  const sms = preview.data?.sms;
  const email = preview.data?.email;
  const people = audience.data?.people ?? 0;
  const nowNight = c.channels.sms && isNightAt(new Date());
  const atDate = new Date(at);
  const atNight = c.channels.sms && !Number.isNaN(atDate.getTime()) && isNightAt(atDate);
  const mine = c.createdBy === user.id;
  const blocked = c.awaitingApproval;
  const onErr = { onError: (e: unknown) => message.error(errorMessage(e)) };

  return (
    <Row gutter={16}>
      <Col flex="1 1 480px" style={{ minWidth: 0 }}>
        <Flex vertical gap={16}>
          {c.note && <Alert type="info" showIcon title={`메모: ${c.note}`} />}
          {c.status === 'scheduled' && (
            <Alert
              type="info"
              showIcon
              title={`${formatDateTime(c.scheduledAt ?? '')}에 보내도록 예약했습니다.`}
              action={
                <Button size="small" onClick={() => unschedule.mutate({ id: c.id }, onErr)}>
                  예약 취소
                </Button>
              }
            />
          )}
          {c.awaitingApproval && (
            <Alert
              type="warning"
              showIcon
              role="status"
              title="승인이 필요합니다"
              description={
                mine
                  ? '작성자가 아닌 다른 홍보 담당자가 승인해야 보낼 수 있습니다.'
                  : '내용과 받는 사람을 확인하고 승인하세요.'
              }
              action={
                !mine && (
                  <Button
                    type="primary"
                    loading={approve.isPending}
                    onClick={() => approve.mutate({ id: c.id }, onErr)}
                  >
                    승인
                  </Button>
                )
              }
            />
          )}
          {c.approvedAt && (
            <Alert
              type="success"
              showIcon
              title={`${formatDateTime(c.approvedAt)}에 승인되었습니다.`}
              action={
                <Button size="small" onClick={() => setRejecting(true)}>
                  승인 취소
                </Button>
              }
            />
          )}
          <Card title="받는 사람" size="small" loading={audience.isLoading}>
            {audience.data && (
              <div role="status" aria-label="받는 사람 수">
                <Typography.Paragraph>
                  <strong className="tabular">{formatNumber(people)}명</strong>에게 보냅니다.
                  {audience.data.sms && ` 문자 ${formatNumber(audience.data.sms.recipients)}명`}
                  {audience.data.email && ` · 이메일 ${formatNumber(audience.data.email.recipients)}명`}
                </Typography.Paragraph>
                {[...(audience.data.sms?.excluded ?? []), ...(audience.data.email?.excluded ?? [])].length >
                  0 && (
                  <Typography.Text type="secondary">
                    제외:{' '}
                    {[
                      ...(audience.data.sms?.excluded ?? []).map(
                        (e) => `문자 ${e.label} ${formatNumber(e.count)}`,
                      ),
                      ...(audience.data.email?.excluded ?? []).map(
                        (e) => `이메일 ${e.label} ${formatNumber(e.count)}`,
                      ),
                    ].join(' · ')}
                  </Typography.Text>
                )}
                {c.notice && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                    고지 자료 {c.notice.fileName}: {formatNumber(c.notice.rows)}행 중{' '}
                    {formatNumber(c.notice.matched)}행 발송, 나머지는 보내지 않습니다.
                  </Typography.Paragraph>
                )}
              </div>
            )}
          </Card>
          {email && (
            <Card title={`이메일: ${email.subject}`} size="small">
              {email.warnings.map((w) => (
                <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
              ))}
              <iframe
                title="이메일 미리보기"
                sandbox=""
                srcDoc={email.html}
                style={{ width: '100%', height: 360, border: '1px solid #d9d9d9', borderRadius: 6 }}
              />
            </Card>
          )}
          <Card size="small" title="보내기">
            <Flex gap={8} wrap>
              {draft && <Button onClick={() => navigate(`/campaigns/${c.id}/edit`)}>내용 고치기</Button>}
              <Button onClick={() => setTesting(true)}>시험 발송</Button>
              {draft && (
                <Button disabled={blocked} onClick={() => setScheduling(true)}>
                  예약 발송
                </Button>
              )}
              <Button
                type="primary"
                disabled={blocked}
                onClick={() => {
                  setNight(false);
                  launch.reset();
                  setLaunching(true);
                }}
              >
                지금 발송
              </Button>
              {draft && (
                <Button
                  danger
                  onClick={() =>
                    Modal.confirm({
                      title: '캠페인 삭제',
                      content: `'${c.name}'을(를) 지웁니다.`,
                      okText: '삭제',
                      okButtonProps: { danger: true },
                      cancelText: '취소',
                      onOk: () =>
                        del.mutate({ id: c.id }, { onSuccess: () => navigate('/campaigns'), ...onErr }),
                    })
                  }
                >
                  삭제
                </Button>
              )}
            </Flex>
          </Card>
        </Flex>
      </Col>
      <Col flex="0 0 320px">{c.channels.sms && <PhonePreview preview={preview.data} />}</Col>

      <Modal
        title="지금 발송"
        open={launching}
        okText="발송"
        cancelText="취소"
        confirmLoading={launch.isPending}
        okButtonProps={{ disabled: nowNight && (c.isAd || !night) }}
        onCancel={() => setLaunching(false)}
        onOk={() =>
          launch.mutate(
            { id: c.id, confirmNight: night },
            {
              onSuccess: () => {
                setLaunching(false);
                message.success('발송을 시작했습니다.');
              },
            },
          )
        }
      >
        <FormError message={launch.error ? errorMessage(launch.error) : null} />
        <Typography.Paragraph>
          <strong>{formatNumber(people)}명</strong>에게 지금 보냅니다.
          {sms &&
            ` 문자(${sms.class}) ${formatNumber(sms.recipients)}건, 예상 비용 ${formatNumber(sms.cost)}원.`}
          {email && ` 이메일 ${formatNumber(email.recipients)}건.`}
        </Typography.Paragraph>
        {nowNight &&
          (c.isAd ? (
            <Alert type="error" showIcon title={NIGHT_AD} />
          ) : (
            <Alert
              type="warning"
              showIcon
              title="지금은 밤 9시~아침 8시 사이입니다."
              description={
                <Checkbox checked={night} onChange={(e) => setNight(e.target.checked)}>
                  야간 문자 발송을 확인합니다
                </Checkbox>
              }
            />
          ))}
      </Modal>

      <Modal
        title="예약 발송"
        open={scheduling}
        okText="예약"
        cancelText="취소"
        confirmLoading={schedule.isPending}
        okButtonProps={{ disabled: atNight && (c.isAd || !night) }}
        onCancel={() => setScheduling(false)}
        onOk={() =>
          schedule.mutate(
            { id: c.id, at: atDate.toISOString(), confirmNight: night },
            {
              onSuccess: (r) => {
                setScheduling(false);
                message.success(`${formatDateTime(r.scheduledAt ?? '')}에 보내도록 예약했습니다.`);
              },
            },
          )
        }
      >
        <FormError message={schedule.error ? errorMessage(schedule.error) : null} />
        <Form layout="vertical" component="div">
          <Form.Item label="예약 시각" htmlFor="campaign-schedule-at">
            <Input
              id="campaign-schedule-at"
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.target.value)}
            />
          </Form.Item>
        </Form>
        {atNight &&
          (c.isAd ? (
            <Alert type="error" showIcon title={NIGHT_AD} />
          ) : (
            <Alert
              type="warning"
              showIcon
              title="밤 9시~아침 8시 사이의 문자 발송입니다."
              description={
                <Checkbox checked={night} onChange={(e) => setNight(e.target.checked)}>
                  야간 문자 발송을 확인합니다
                </Checkbox>
              }
            />
          ))}
      </Modal>

      <Modal
        title="승인 취소"
        open={rejecting}
        okText="승인 취소"
        cancelText="닫기"
        confirmLoading={reject.isPending}
        onCancel={() => setRejecting(false)}
        onOk={() =>
          reject.mutate(
            { id: c.id, note },
            {
              onSuccess: () => {
                setRejecting(false);
                setNote('');
              },
            },
          )
        }
      >
        <FormError message={reject.error ? errorMessage(reject.error) : null} />
        <Form layout="vertical" component="div">
          <Form.Item label="사유" htmlFor="campaign-reject-note">
            <Input id="campaign-reject-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
      <TestSendModal campaign={c} open={testing} onClose={() => setTesting(false)} />
    </Row>
  );
}
