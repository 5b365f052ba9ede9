import { Button } from 'antd';
import type { SessionUser } from '../../../shared/contract/auth';
import { AuthLayout } from './AuthLayout';
import { ChangePasswordForm } from './ChangePasswordForm';

interface Props {
  user: SessionUser;
  onChanged: (u: SessionUser) => void;
  onLogout: () => void;
}

/** Shown after login with a one-time or reset password: nothing else works until it is changed. */
export function ChangePasswordPage({ user, onChanged, onLogout }: Props) {
  return (
    <AuthLayout
      title="비밀번호 변경"
      subtitle={`${user.displayName}님, 임시 비밀번호로 로그인했습니다. 계속하려면 새 비밀번호를 정하세요.`}
      width={440}
    >
      <ChangePasswordForm user={user} onChanged={onChanged} />
      <Button type="link" block onClick={onLogout} style={{ marginTop: 8 }}>
        로그아웃
      </Button>
    </AuthLayout>
  );
}
