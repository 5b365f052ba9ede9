import { ApiOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Radio, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import type { CampaignSettings } from '../../../shared/contract/campaigns';
import {
  GATEWAY_LABELS,
  type GatewayKind,
  type GatewaySecretName,
} from '../../../shared/contract/gatewayConfig';
import { errorMessage } from '../../components/formErrors';
import { useInvoke } from '../../hooks/useInvoke';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';

type Values = Pick<CampaignSettings, 'smsGateway' | 'solapi' | 'nhn' | 'kannel'> & {
  secret: string;
};

const SECRET: Record<Exclude<GatewayKind, 'test'>, { name: GatewaySecretName; label: string }> = {
  solapi: { name: 'solapiApiSecret', label: 'API Secret' },
  nhn: { name: 'nhnSecretKey', label: 'Secret Key' },
  kannel: { name: 'kannelPassword', label: 'Kannel 비밀번호' },
};

/** 설정 → 문자 발송: the SMS gateway, its settings and secret, 연결 시험 and 시험 발송 (admin only). */
export function GatewayTab({ readOnly }: { readOnly: boolean }) {
  const settings = useInvoke('campaigns.settings.get', {});
  const status = useInvoke('gateways.status', {}, { enabled: !readOnly });
  if (readOnly) return <Alert type="info" showIcon title="문자 발송 업체 설정은 관리자만 볼 수 있습니다." />;
  if (settings.isError) return <Alert type="error" showIcon title={settings.error.message} />;
  if (!settings.data || !status.data) return <Skeleton active />;
  return (
    <GatewayForm settings={settings.data} secrets={status.data.secrets} sources={status.data.optOutSources} />
  );
}

function GatewayForm({
  settings,
  secrets,
  sources,
}: {
  settings: CampaignSettings;
  secrets: Record<GatewaySecretName, boolean>;
  sources: string[];
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = (Form.useWatch('smsGateway', form) ?? settings.smsGateway) as GatewayKind;
  const [check, setCheck] = useState<{ ok: boolean; message: string } | null>(null);
  const [phone, setPhone] = useState('');
  const save = useInvokeMutation('campaigns.settings.update', {
    invalidates: ['campaigns.settings.get', 'gateways.status'],
  });
  const setSecret = useInvokeMutation('gateways.setSecret', { invalidates: ['gateways.status'] });
  const test = useInvokeMutation('gateways.test');
  const testSend = useInvokeMutation('gateways.testSend');

  const onSave = async (v: Values) => {
    try {
      const { secret, ...rest } = v;
      await save.mutateAsync({
        ...rest,
        solapi: { ...settings.solapi, ...v.solapi },
        nhn: { ...settings.nhn, ...v.nhn },
        kannel: { ...settings.kannel, ...v.kannel },
      });
      if (secret && kind !== 'test') await setSecret.mutateAsync({ name: SECRET[kind].name, value: secret });
      form.setFieldValue('secret', '');
      message.success('문자 발송 설정을 저장했습니다.');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const secret = kind === 'test' ? null : SECRET[kind];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ ...settings, secret: '' }}
      onFinish={onSave}
      style={{ maxWidth: 640 }}
    >
      <Form.Item name="smsGateway" label="사용할 문자 발송 업체">
        <Radio.Group
          options={Object.entries(GATEWAY_LABELS).map(([value, label]) => ({ value, label }))}
          optionType="button"
        />
      </Form.Item>
      {kind === 'test' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="테스트 발송기는 실제로 보내지 않습니다. 문자는 이 컴퓨터에 기록만 됩니다."
        />
      )}
      {kind === 'solapi' && (
        <Card size="small" title="솔라피 (Solapi)" style={{ marginBottom: 16 }}>
          <Form.Item
            name={['solapi', 'baseUrl']}
            label="API 주소"
            rules={[{ required: true, message: '주소를 입력하세요.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name={['solapi', 'apiKey']} label="API Key">
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name={['solapi', 'sender']} label="발신번호 (비우면 기본 설정의 발신번호)">
            <Input inputMode="numeric" />
          </Form.Item>
        </Card>
      )}
      {kind === 'nhn' && (
        <Card size="small" title="NHN Cloud SMS" style={{ marginBottom: 16 }}>
          <Form.Item
            name={['nhn', 'baseUrl']}
            label="API 주소"
            rules={[{ required: true, message: '주소를 입력하세요.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name={['nhn', 'appKey']} label="App Key">
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name={['nhn', 'sender']} label="발신번호 (비우면 기본 설정의 발신번호)">
            <Input inputMode="numeric" />
          </Form.Item>
          <Form.Item name={['nhn', 'unsubscribeNo']} label="080 수신거부 번호 (비우면 전체)">
            <Input inputMode="numeric" />
          </Form.Item>
        </Card>
      )}
      {kind === 'kannel' && (
        <Card size="small" title="Kannel" style={{ marginBottom: 16 }}>
          <Form.Item
            name={['kannel', 'sendsmsUrl']}
            label="sendsms 주소"
            rules={[{ required: true, message: '주소를 입력하세요.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name={['kannel', 'username']} label="사용자 이름">
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name={['kannel', 'smsc']} label="SMSC 이름 (비우면 Kannel이 정함)">
            <Input />
          </Form.Item>
        </Card>
      )}
      {secret && (
        <Form.Item
          name="secret"
          label={secret.label}
          extra={
            secrets[secret.name]
              ? '저장되어 있습니다. 바꿀 때만 입력하세요. (데이터베이스가 아닌 키 파일에 보관)'
              : '아직 저장되지 않았습니다. (데이터베이스가 아닌 키 파일에 보관)'
          }
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending || setSecret.isPending}>
          저장
        </Button>
        <Button
          icon={<ApiOutlined aria-hidden />}
          loading={test.isPending}
          onClick={() =>
            test.mutate(
              { provider: settings.smsGateway },
              {
                onSuccess: (r) => setCheck(r),
                onError: (e) => setCheck({ ok: false, message: errorMessage(e) }),
              },
            )
          }
        >
          연결 시험
        </Button>
      </Space>
      {check && (
        <Alert
          role="status"
          type={check.ok ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={check.message}
        />
      )}
      <Card size="small" title="시험 발송 (저장된 설정으로)">
        <Form.Item label="받을 직원 번호" htmlFor="gw-test-phone">
          <Space.Compact style={{ width: '100%' }}>
            <Input
              id="gw-test-phone"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              placeholder="010-1234-5678"
            />
            <Button
              icon={<SendOutlined aria-hidden />}
              loading={testSend.isPending}
              disabled={!phone.trim()}
              onClick={() =>
                testSend.mutate(
                  { phone },
                  {
                    onSuccess: (r) =>
                      r.status === 'failed' ? message.error(r.message) : message.success(r.message),
                    onError: (e) => message.error(errorMessage(e)),
                  },
                )
              }
            >
              시험 발송
            </Button>
          </Space.Compact>
        </Form.Item>
        {sources.length > 0 && (
          <Typography.Text type="secondary">
            080 수신거부 목록을 가져오는 곳: {sources.join(', ')}
          </Typography.Text>
        )}
      </Card>
    </Form>
  );
}
