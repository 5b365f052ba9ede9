import { SyncOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Skeleton,
  Space,
  Switch,
} from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { bounceStatus, PollResult } from '../../../shared/contract/public';
import type { Settings } from '../../../shared/contract/settings';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatDateTime } from '../../lib/format';

type Status = z.infer<typeof bounceStatus>;
type Values = Pick<
  Settings,
  | 'bounceEnabled'
  | 'bounceImapHost'
  | 'bounceImapPort'
  | 'bounceImapSecure'
  | 'bounceImapUser'
  | 'bounceMailbox'
  | 'bouncePollMinutes'
> & { password: string };

const KEYS = [
  'bounceEnabled',
  'bounceImapHost',
  'bounceImapPort',
  'bounceImapSecure',
  'bounceImapUser',
  'bounceMailbox',
  'bouncePollMinutes',
] as const;

export function pollSummary(r: PollResult): string {
  return `읽은 메일 ${r.fetched}통 · 영구 실패 ${r.hard} · 일시 실패 ${r.soft} · 스팸 신고 ${r.complaints} · 반송 아님 ${r.ignored} · 연결 못 함 ${r.unmatched}`;
}

/** 설정 → 반송 메일함: the IMAP mailbox of the envelope sender, its password, and 지금 확인. */
export function BounceMailboxTab({ readOnly }: { readOnly: boolean }) {
  const settings = useInvoke('settings.get', {});
  const status = useInvoke('bounces.status', {});
  if (settings.isError) return <Alert type="error" showIcon title={settings.error.message} />;
  if (status.isError) return <Alert type="error" showIcon title={status.error.message} />;
  if (!settings.data || !status.data) return <Skeleton active />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <PollCard status={status.data} />
      {readOnly ? (
        <Alert type="info" showIcon title="반송 메일함 설정은 관리자만 바꿀 수 있습니다." />
      ) : (
        <MailboxForm settings={settings.data} passwordSet={status.data.passwordSet} />
      )}
    </Flex>
  );
}

function PollCard({ status }: { status: Status }) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const poll = useInvokeMutation('bounces.poll', { invalidates: ['bounces.status', 'bounces.list'] });
  return (
    <Card
      size="small"
      title="반송 메일함 상태"
      extra={
        <Button
          icon={<SyncOutlined aria-hidden />}
          loading={poll.isPending}
          disabled={!status.configured}
          onClick={() =>
            poll.mutate(
              {},
              {
                onSuccess: (r) => setResult({ ok: true, text: `확인했습니다. ${pollSummary(r)}` }),
                onError: (e) => setResult({ ok: false, text: errorMessage(e) }),
              },
            )
          }
        >
          지금 확인
        </Button>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="자동 확인">{status.enabled ? '켜짐' : '꺼짐'}</Descriptions.Item>
        <Descriptions.Item label="설정">
          {status.configured ? '서버와 아이디 설정됨' : '서버와 아이디를 먼저 설정하세요'}
          {status.passwordSet ? ' · 비밀번호 저장됨' : ' · 비밀번호 없음'}
        </Descriptions.Item>
        <Descriptions.Item label="마지막 확인">
          {status.lastPollAt ? formatDateTime(status.lastPollAt) : '아직 없음'}
        </Descriptions.Item>
        {status.lastResult && (
          <Descriptions.Item label="마지막 결과">{pollSummary(status.lastResult)}</Descriptions.Item>
        )}
        <Descriptions.Item label="고칠 주소">{status.openHard}건</Descriptions.Item>
      </Descriptions>
      {status.lastError && !result && (
        <Alert type="warning" showIcon title={`마지막 확인 오류: ${status.lastError}`} />
      )}
      {result && <Alert role="status" type={result.ok ? 'success' : 'error'} showIcon title={result.text} />}
    </Card>
  );
}

function MailboxForm({ settings, passwordSet }: { settings: Settings; passwordSet: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useInvokeMutation('settings.update', { invalidates: ['settings.get', 'bounces.status'] });
  const setPassword = useInvokeMutation('bounces.setPassword', { invalidates: ['bounces.status'] });

  const onFinish = async (v: Values) => {
    try {
      await save.mutateAsync(Object.fromEntries(KEYS.map((k) => [k, v[k]])) as Partial<Settings>);
      if (v.password) await setPassword.mutateAsync({ password: v.password });
      form.setFieldValue('password', '');
      message.success('반송 메일함 설정을 저장했습니다.');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Form<Values>
      form={form}
      name="bounce-mailbox"
      layout="vertical"
      initialValues={{ ...settings, password: '' }}
      onFinish={onFinish}
    >
      <Form.Item name="bounceEnabled" label="반송 메일함 자동 확인" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="bounceImapHost"
        label="IMAP 서버 주소"
        extra="발송 메일의 반송 주소(봉투 발신자)를 받는 메일함입니다."
      >
        <Input autoComplete="off" placeholder="imap.example.go.kr" />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item
          name="bounceImapPort"
          label="IMAP 포트"
          rules={[{ required: true, message: '포트를 입력하세요.' }]}
        >
          <InputNumber min={1} max={65535} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="bounceImapSecure" label="암호화 연결(TLS)" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <Form.Item name="bounceImapUser" label="메일함 아이디">
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="password"
        label="메일함 비밀번호"
        extra={
          passwordSet
            ? '저장되어 있습니다. 바꿀 때만 입력하세요. (데이터베이스가 아닌 보호된 파일에 보관)'
            : '아직 저장되지 않았습니다. (데이터베이스가 아닌 보호된 파일에 보관)'
        }
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="bounceMailbox"
        label="메일함 폴더"
        rules={[{ required: true, whitespace: true, message: '폴더 이름을 입력하세요.' }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="bouncePollMinutes"
        label="확인 주기 (분)"
        rules={[{ required: true, message: '확인 주기를 입력하세요.' }]}
      >
        <InputNumber min={1} max={1440} style={{ width: 140 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending || setPassword.isPending}>
        저장
      </Button>
    </Form>
  );
}
