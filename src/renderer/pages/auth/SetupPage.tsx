import { Button, Col, Divider, Form, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import { invoke } from '../../api/client';
import { FormError } from '../../components/FormError';
import { applyServerError } from '../../components/formErrors';
import { PasswordHint, passwordRule } from '../../components/PasswordHint';
import { useInvoke } from '../../hooks/useInvoke';
import { AuthLayout } from './AuthLayout';

interface Values {
  wardName: string;
  stationId: string;
  adminUsername: string;
  adminDisplayName: string;
  adminPassword: string;
  confirm: string;
}

/** First run on a new database: the ward, this computer's station, and the first administrator. */
export function SetupPage({ onDone }: { onDone: (user: SessionUser) => void | Promise<void> }) {
  const options = useInvoke('setup.options', {});
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('adminPassword', form);
  const username = Form.useWatch('adminUsername', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (options.data && !form.isFieldTouched('wardName'))
      form.setFieldValue('wardName', options.data.wardName);
  }, [options.data, form]);

  const stations = options.data?.stations ?? [];
  const stationOptions = [
    {
      label: '본청',
      options: stations.filter((s) => s.kind === 'hq').map((s) => ({ value: s.id, label: s.name })),
    },
    {
      label: '동 주민센터',
      options: stations.filter((s) => s.kind === 'dong').map((s) => ({ value: s.id, label: s.name })),
    },
  ].filter((g) => g.options.length > 0);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const { confirm: _, ...input } = v;
      const { user } = await invoke('setup.firstRun', input);
      await onDone(user);
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="처음 설정"
      subtitle="이 컴퓨터에서 소통창구를 처음 엽니다. 구 이름과 이 컴퓨터의 접수처, 관리자 계정을 정하세요."
      width={560}
    >
      <FormError message={error ?? (options.isError ? options.error.message : null)} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="구 이름"
              name="wardName"
              rules={[{ required: true, whitespace: true, message: '구 이름을 입력하세요.' }]}
            >
              <Input autoFocus placeholder="예: ○○구" maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="이 컴퓨터의 접수처"
              name="stationId"
              rules={[{ required: true, message: '이 컴퓨터의 접수처를 고르세요.' }]}
            >
              <Select
                options={stationOptions}
                loading={options.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="고르세요"
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          관리자 계정
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="관리자 아이디"
              name="adminUsername"
              rules={[{ required: true, whitespace: true, message: '아이디를 입력하세요.' }]}
            >
              <Input autoComplete="username" maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="관리자 이름"
              name="adminDisplayName"
              rules={[{ required: true, whitespace: true, message: '이름을 입력하세요.' }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="비밀번호"
          name="adminPassword"
          extra={<PasswordHint password={password} username={username} />}
          rules={[{ required: true, message: '비밀번호를 입력하세요.' }, passwordRule(() => username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="비밀번호 확인"
          name="confirm"
          dependencies={['adminPassword']}
          rules={[
            { required: true, message: '비밀번호를 한 번 더 입력하세요.' },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('adminPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('비밀번호와 같게 입력하세요.')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          설정 마치고 시작하기
        </Button>
      </Form>
    </AuthLayout>
  );
}
