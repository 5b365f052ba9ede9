// 개인정보의 안전성 확보조치 기준: at least 8 characters of two or more kinds, or 10 of one kind.

export interface PasswordCheck {
  ok: boolean;
  kinds: number;
  message: string | null;
}

export const PASSWORD_POLICY_TEXT =
  '영문 대문자·소문자·숫자·특수문자 중 2종류 이상으로 8자 이상, 또는 1종류로 10자 이상';

export function checkPassword(pw: string, username?: string): PasswordCheck {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  const len = [...pw].length;
  let message: string | null = null;
  if (len < 8 || (kinds < 2 && len < 10)) message = `비밀번호는 ${PASSWORD_POLICY_TEXT}이어야 합니다.`;
  else if (/\s/.test(pw)) message = '비밀번호에 공백을 쓸 수 없습니다.';
  else if (username && pw.toLowerCase().includes(username.toLowerCase()))
    message = '비밀번호에 아이디를 넣을 수 없습니다.';
  else if (/(.)\1\1\1/.test(pw)) message = '같은 문자를 4번 이상 연달아 쓸 수 없습니다.';
  return { ok: message === null, kinds, message };
}
