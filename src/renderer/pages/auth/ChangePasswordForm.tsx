import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import { invoke } from '../../api/client';
import { FormError } from '../../components/FormError';
import { applyServerError } from '../../components/formErrors';
import { PasswordHint, passwordRule } from '../../components/PasswordHint';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 현재 비밀번호 → 새 비밀번호 (twice), with the policy shown as you type. */
export function ChangePasswordForm({
  user,
  onChanged,
}: {
  user: SessionUser;
  onChanged: (u: SessionUser) => void;
}) {
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const r = await invoke('auth.changePassword', {
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      });
      onChanged(r.user);
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <FormError message={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Form.Item
          label="현재 비밀번호"
          name="currentPassword"
          rules={[{ required: true, message: '현재 비밀번호를 입력하세요.' }]}
        >
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="새 비밀번호"
          name="newPassword"
          extra={<PasswordHint password={newPassword} username={user.username} />}
          rules={[
            { required: true, message: '새 비밀번호를 입력하세요.' },
            passwordRule(() => user.username),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="새 비밀번호 확인"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '새 비밀번호를 한 번 더 입력하세요.' },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('새 비밀번호와 같게 입력하세요.')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          비밀번호 변경
        </Button>
      </Form>
    </>
  );
}
