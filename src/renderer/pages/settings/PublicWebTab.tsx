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
  Switch,
  Tag,
} from 'antd';
import type { z } from 'zod';
import type { publicStatus } from '../../../shared/contract/public';
import type { Settings } from '../../../shared/contract/settings';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatDateTime } from '../../lib/format';

type Status = z.infer<typeof publicStatus>;

/** the listener's counters in words; an unknown key is shown as it is */
const COUNTER_LABELS: Record<string, string> = {
  requests: '전체 요청',
  opens: '메일 열람',
  unsubscribePage: '수신거부 화면',
  unsubscribes: '수신거부 신청',
  oneClick: '원클릭 수신거부',
  unsubscribesApplied: '수신거부 반영',
  unsubscribesWaiting: '수신거부 반영 대기',
  unsubscribesFailed: '수신거부 반영 실패',
  unsubscribeErrors: '수신거부 오류',
  deliveryReports: '발송 결과 수신',
  inboundSms: '회신 문자 수신',
  badForm: '잘못된 요청',
  forbidden: '허용 안 된 주소',
  rateLimited: '요청 제한',
  notFound: '없는 주소',
  errors: '오류',
};
type Values = Pick<
  Settings,
  'publicEnabled' | 'publicHost' | 'publicPort' | 'publicBaseUrl' | 'publicTrustProxy'
> & { allow: string };

/** 설정 → 공개 웹: where residents' unsubscribe/open links and gateway callbacks arrive. */
export function PublicWebTab({ readOnly }: { readOnly: boolean }) {
  const settings = useInvoke('settings.get', {});
  const status = useInvoke('public.status', {});
  if (settings.isError) return <Alert type="error" showIcon title={settings.error.message} />;
  if (status.isError) return <Alert type="error" showIcon title={status.error.message} />;
  if (!settings.data || !status.data) return <Skeleton active />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <StatusCard status={status.data} />
      {readOnly ? (
        <Alert type="info" showIcon title="공개 웹 설정은 관리자만 바꿀 수 있습니다." />
      ) : (
        <PublicForm settings={settings.data} />
      )}
    </Flex>
  );
}

function StatusCard({ status }: { status: Status }) {
  const counters = Object.entries(status.counters);
  return (
    <Card size="small" title="지금 상태">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="상태">
          <span role="status">
            {status.running ? (
              <Tag color="green">실행 중</Tag>
            ) : status.enabled ? (
              <Tag color="red">켜져 있지만 멈춤</Tag>
            ) : (
              <Tag>꺼짐</Tag>
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="받는 주소">{status.listening ?? '없음'}</Descriptions.Item>
        <Descriptions.Item label="주민에게 보이는 주소">{status.baseUrl}</Descriptions.Item>
        {status.startedAt && (
          <Descriptions.Item label="시작한 시각">{formatDateTime(status.startedAt)}</Descriptions.Item>
        )}
        {counters.length > 0 && (
          <Descriptions.Item label="받은 요청">
            {counters.map(([k, n]) => `${COUNTER_LABELS[k] ?? k} ${n}`).join(' · ')}
          </Descriptions.Item>
        )}
      </Descriptions>
      {status.error && <Alert type="error" showIcon role="alert" title={status.error} />}
    </Card>
  );
}

function PublicForm({ settings }: { settings: Settings }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useInvokeMutation('settings.update', { invalidates: ['settings.get'] });
  const apply = useInvokeMutation('public.apply', { invalidates: ['public.status'] });

  const onFinish = async (v: Values) => {
    try {
      const { allow, ...rest } = v;
      await save.mutateAsync({
        ...rest,
        publicCallbackAllow: allow
          .split(/[\s,]+/)
          .map((x) => x.trim())
          .filter(Boolean),
      });
      const st = await apply.mutateAsync({});
      if (st.error) message.error(`저장했지만 공개 웹을 열지 못했습니다: ${st.error}`);
      else
        message.success(
          st.running ? '저장하고 공개 웹을 다시 열었습니다.' : '저장했습니다. 공개 웹은 꺼져 있습니다.',
        );
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Form<Values>
      form={form}
      name="public-web"
      layout="vertical"
      initialValues={{ ...settings, allow: settings.publicCallbackAllow.join('\n') }}
      onFinish={onFinish}
    >
      <Form.Item name="publicEnabled" label="이 프로그램에서 공개 웹 열기" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        name="publicHost"
        label="받는 주소 (호스트)"
        extra="127.0.0.1이면 이 컴퓨터 안에서만 받습니다. 리버스 프록시 뒤에 둘 때 그대로 두세요."
        rules={[{ required: true, whitespace: true, message: '주소를 입력하세요.' }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="publicPort" label="포트" rules={[{ required: true, message: '포트를 입력하세요.' }]}>
        <InputNumber min={1} max={65535} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="publicBaseUrl"
        label="공개 주소 (주민에게 보내는 링크의 시작)"
        extra="예: https://sotong.example.go.kr — 수신거부·열람 확인 링크가 이 주소로 시작합니다."
        rules={[
          { required: true, whitespace: true, message: '공개 주소를 입력하세요.' },
          {
            pattern: /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
            message: '주소는 http:// 또는 https:// 로 시작해야 합니다.',
          },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="publicTrustProxy"
        label="리버스 프록시 뒤에서 실행 (X-Forwarded-For 믿기)"
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="allow"
        label="문자 중계(Kannel) 회신을 받을 주소 (한 줄에 하나)"
        extra="이 주소에서 온 발송 결과·회신 문자만 받습니다."
      >
        <Input.TextArea rows={3} autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending || apply.isPending}>
        저장하고 적용
      </Button>
    </Form>
  );
}
