import { Typography } from 'antd';
import { checkPassword, PASSWORD_POLICY_TEXT } from '../../shared/auth/passwordPolicy';

/** Live feedback under a new-password field, from the same rule the server applies. */
export function PasswordHint({ password, username }: { password: string | undefined; username?: string }) {
  if (!password) return <Typography.Text type="secondary">{PASSWORD_POLICY_TEXT}</Typography.Text>;
  const r = checkPassword(password, username);
  if (r.ok) return <Typography.Text type="success">사용할 수 있는 비밀번호입니다.</Typography.Text>;
  return <Typography.Text type="warning">{r.message}</Typography.Text>;
}

/** antd validator: blocks submit while the password breaks the policy. */
export function passwordRule(username?: () => string | undefined) {
  return {
    validator: (_: unknown, value: string | undefined) => {
      if (!value) return Promise.resolve();
      // the hint under the field already says exactly what is wrong
      return checkPassword(value, username?.()).ok
        ? Promise.resolve()
        : Promise.reject(new Error('비밀번호 규칙에 맞지 않습니다.'));
    },
  };
}

/** A random password that passes the policy, for an administrator's temporary password. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%^&*'];
  const pick = (s: string) => s[crypto.getRandomValues(new Uint32Array(1))[0] % s.length];
  const chars = [...sets.map(pick), ...Array.from({ length: 8 }, () => pick(sets.join('')))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  const pw = chars.join('');
  return checkPassword(pw).ok ? pw : generatePassword();
}
