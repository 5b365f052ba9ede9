import { App, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { UserRow } from '../../../shared/contract/users';
import { FormModal } from '../../components/FormModal';
import { applyServerError } from '../../components/formErrors';
import { generatePassword, PasswordHint, passwordRule } from '../../components/PasswordHint';
import { useInvokeMutation } from '../../hooks/useInvokeMutation';

interface Values {
  password: string;
}

/** Sets a temporary password; the user must change it at the next login. */
export function ResetPasswordModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('password', form);
  const [error, setError] = useState<string | null>(null);
  const reset = useInvokeMutation('users.resetPassword', { invalidates: ['users.list'] });

  const close = () => {
    setError(null);
    onClose();
  };

  async function submit(v: Values) {
    if (!user) return;
    setError(null);
    try {
      await reset.mutateAsync({ id: user.id, password: v.password });
      message.success(
        `${user.displayName} 님의 비밀번호를 재설정했습니다. 다음 로그인 때 새 비밀번호를 정하게 됩니다.`,
      );
      close();
    } catch (e) {
      setError(applyServerError(form, e));
    }
  }

  return (
    <FormModal<Values>
      title="비밀번호 재설정"
      name="passwordReset"
      open={user !== null}
      form={form}
      onFinish={submit}
      onCancel={close}
      okText="재설정"
      busy={reset.isPending}
      error={error}
    >
      <Typography.Paragraph>
        {user?.displayName}({user?.username}) 님에게 알려 줄 임시 비밀번호를 정하세요. 지금 로그인해 있다면
        로그아웃되고, 다음 로그인 때 비밀번호를 바꿔야 합니다.
      </Typography.Paragraph>
      <Form.Item label="임시 비밀번호" required htmlFor="passwordReset_password">
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="password"
            noStyle
            rules={[
              { required: true, message: '임시 비밀번호를 입력하세요.' },
              passwordRule(() => user?.username),
            ]}
          >
            <Input autoFocus autoComplete="new-password" />
          </Form.Item>
          <Button onClick={() => form.setFieldValue('password', generatePassword())}>자동 생성</Button>
        </Space.Compact>
        <div style={{ marginTop: 4 }}>
          <PasswordHint password={password} username={user?.username} />
        </div>
      </Form.Item>
    </FormModal>
  );
}
