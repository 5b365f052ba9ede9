import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import { invoke } from '../../api/client';
import { FormError } from '../../components/FormError';
import { applyServerError } from '../../components/formErrors';
import { AuthLayout } from './AuthLayout';

interface Values {
  username: string;
  password: string;
}

interface Props {
  wardName: string;
  /** why the user is here again (idle logout) */
  notice: string | null;
  onLoggedIn: (user: SessionUser) => void | Promise<void>;
}

export function LoginPage({ wardName, notice, onLoggedIn }: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const { user } = await invoke('auth.login', v);
      await onLoggedIn(user);
    } catch (e) {
      setError(applyServerError(form, e));
      form.setFieldValue('password', '');
      form.getFieldInstance('password')?.focus?.();
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="로그인" subtitle={`${wardName} 전자소통 업무 프로그램`}>
      {notice && !error && (
        <Alert type="info" showIcon title={notice} role="status" style={{ marginBottom: 16 }} />
      )}
      <FormError message={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Form.Item
          label="아이디"
          name="username"
          rules={[{ required: true, whitespace: true, message: '아이디를 입력하세요.' }]}
        >
          <Input autoFocus autoComplete="username" size="large" />
        </Form.Item>
        <Form.Item
          label="비밀번호"
          name="password"
          rules={[{ required: true, message: '비밀번호를 입력하세요.' }]}
        >
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          로그인
        </Button>
      </Form>
    </AuthLayout>
  );
}
