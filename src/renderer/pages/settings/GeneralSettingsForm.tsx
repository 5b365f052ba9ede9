import { App, Button, Card, Col, ConfigProvider, Form, Input, InputNumber, Row, Switch } from 'antd';
import { useState } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { normalizePhone } from '../../../shared/text/phone';
import { FormError } from '../../components/FormError';
import { applyServerError } from '../../components/formErrors';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';
import { formatPhone } from '../../lib/format';
import { SnsLinksField } from './SnsLinksField';

/** The settings this form edits; other capabilities (public web, imports …) own the rest. */
const KEYS = [
  'wardName',
  'optOutNumber',
  'optOutLine',
  'adOptOutNumber',
  'senderName',
  'senderNumber',
  'snsLinks',
  'sessionIdleMinutes',
  'lockoutThreshold',
  'lockoutMinutes',
  'prices',
  'dailyBackup',
  'backupKeep',
] as const satisfies readonly (keyof Settings)[];
type Values = Pick<Settings, (typeof KEYS)[number]>;

function pick(s: Values): Values {
  return Object.fromEntries(KEYS.map((k) => [k, s[k]])) as Values;
}

/** Formats what was typed as a phone number (0212345678 → 02-1234-5678) when the field loses focus. */
function phoneOnBlur(form: ReturnType<typeof Form.useForm<Values>>[0], name: keyof Values) {
  return () => {
    const raw = String(form.getFieldValue(name) ?? '').trim();
    if (raw) form.setFieldValue(name, formatPhone(normalizePhone(raw).digits));
  };
}

/** Read-only values stay easy to read (antd's disabled grey is meant for "not applicable"). */
const READ_ONLY_THEME = {
  token: { colorTextDisabled: 'rgba(0, 0, 0, 0.8)', colorBgContainerDisabled: '#f7f8fa' },
};

const won = { suffix: '원', min: 0, step: 1, style: { width: '100%' } } as const;

export function GeneralSettingsForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const optOutLine = Form.useWatch('optOutLine', form);
  const optOutNumber = Form.useWatch('optOutNumber', form);
  const save = useInvokeMutation('settings.update', { invalidates: ['settings.get', 'auth.status'] });

  async function submit(v: Values) {
    setError(null);
    try {
      const saved = await save.mutateAsync(pick(v));
      form.setFieldsValue(pick(saved));
      message.success('설정을 저장했습니다.');
    } catch (e) {
      setError(applyServerError(form, e));
    }
  }

  const initial = pick(settings);
  const preview = (optOutLine ?? '').replaceAll('{번호}', optOutNumber || '○○○-○○○○');

  return (
    <ConfigProvider theme={readOnly ? READ_ONLY_THEME : undefined}>
      <Form<Values>
        form={form}
        name="settings"
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        disabled={readOnly || save.isPending}
        requiredMark={false}
      >
        <FormError message={error} />
        <Card title="기본" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="구 이름"
                name="wardName"
                rules={[{ required: true, whitespace: true, message: '구 이름을 입력하세요.' }]}
              >
                <Input autoFocus={!readOnly} maxLength={40} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="문자 발송" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="발신자 이름" name="senderName">
                <Input maxLength={40} placeholder="예: ○○구청 홍보팀" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="발신번호"
                name="senderNumber"
                extra="문자 사업자에 미리 등록한 번호여야 합니다."
              >
                <Input maxLength={20} placeholder="02-0000-0000" onBlur={phoneOnBlur(form, 'senderNumber')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="080 무료수신거부 번호" name="adOptOutNumber" extra="광고성 문자에 붙습니다.">
                <Input
                  maxLength={20}
                  placeholder="080-000-0000"
                  onBlur={phoneOnBlur(form, 'adOptOutNumber')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="수신거부 문자 번호"
                name="optOutNumber"
                extra="주민이 수신거부 문자를 보낼 업무용 휴대전화 번호"
              >
                <Input
                  maxLength={20}
                  placeholder="010-0000-0000"
                  onBlur={phoneOnBlur(form, 'optOutNumber')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                label="수신거부 문구"
                name="optOutLine"
                extra={`모든 문자 끝에 붙습니다. {번호}는 수신거부 문자 번호로 바뀝니다. 미리보기: ${preview}`}
              >
                <Input maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="문자 단가 SMS"
                name={['prices', 'sms']}
                rules={[{ required: true, message: '단가를 입력하세요.' }]}
              >
                <InputNumber {...won} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="문자 단가 LMS"
                name={['prices', 'lms']}
                rules={[{ required: true, message: '단가를 입력하세요.' }]}
              >
                <InputNumber {...won} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="문자 단가 MMS"
                name={['prices', 'mms']}
                rules={[{ required: true, message: '단가를 입력하세요.' }]}
              >
                <InputNumber {...won} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="SNS 링크" size="small" style={{ marginBottom: 16 }}>
          <SnsLinksField readOnly={readOnly} />
        </Card>
        <Card title="보안" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label="자동 로그아웃(분)"
                name="sessionIdleMinutes"
                extra="이 시간 동안 쓰지 않으면 로그아웃합니다. 5~480분"
              >
                <InputNumber min={5} max={480} suffix="분" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="로그인 실패 잠금 횟수" name="lockoutThreshold" extra="3~20번">
                <InputNumber min={3} max={20} suffix="번" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label="잠금 시간(분)"
                name="lockoutMinutes"
                extra="관리자가 그 전에 풀 수도 있습니다."
              >
                <InputNumber min={1} max={1440} suffix="분" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="백업" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="매일 자동 백업" name="dailyBackup" valuePropName="checked">
                <Switch checkedChildren="켜짐" unCheckedChildren="꺼짐" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="백업 보관 개수" name="backupKeep" extra="이보다 오래된 자동 백업은 지웁니다.">
                <InputNumber min={1} max={365} suffix="개" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {!readOnly && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            설정 저장
          </Button>
        )}
      </Form>
    </ConfigProvider>
  );
}
