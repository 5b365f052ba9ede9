import { z } from 'zod';
import { channel, empty, ok, roleSchema } from './define';

export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  dongId: z.number().int().nullable(),
  department: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const usernameSchema = z
  .string()
  .trim()
  .min(3, '아이디는 3자 이상이어야 합니다.')
  .max(32, '아이디는 32자 이하여야 합니다.')
  .regex(/^[a-zA-Z0-9._-]+$/, '아이디는 영문, 숫자, 점(.), 밑줄(_), 하이픈(-)만 쓸 수 있습니다.');

/** The policy itself is checked in shared/auth/passwordPolicy so the form can show it as you type. */
export const passwordInput = z.string().min(1, '비밀번호를 입력하세요.').max(128, '비밀번호가 너무 깁니다.');

export const authChannels = {
  'auth.status': channel({
    summary: '로그인 상태와 처음 설정 여부',
    access: 'public',
    input: empty,
    output: z.object({
      setupDone: z.boolean(),
      wardName: z.string(),
      stationName: z.string().nullable(),
      user: sessionUser.nullable(),
      idleMinutes: z.number(),
    }),
  }),
  'auth.login': channel({
    summary: '로그인',
    access: 'public',
    input: z.object({ username: z.string().trim().min(1, '아이디를 입력하세요.'), password: passwordInput }),
    output: z.object({ user: sessionUser }),
  }),
  'auth.logout': channel({ summary: '로그아웃', access: 'public', input: empty, output: ok }),
  'auth.changePassword': channel({
    summary: '내 비밀번호 변경',
    access: 'authenticated',
    allowDuringPasswordChange: true,
    input: z.object({ currentPassword: passwordInput, newPassword: passwordInput }),
    output: z.object({ user: sessionUser }),
  }),
  'setup.firstRun': channel({
    summary: '처음 설정: 구 이름, 이 컴퓨터의 접수처, 관리자 계정',
    access: 'public',
    input: z.object({
      wardName: z.string().trim().min(1, '구 이름을 입력하세요.').max(40),
      stationId: z.string().min(1, '이 컴퓨터의 접수처를 고르세요.'),
      adminUsername: z.string().trim().min(3, '아이디는 3자 이상이어야 합니다.').max(32),
      adminDisplayName: z.string().trim().min(1, '이름을 입력하세요.').max(40),
      adminPassword: passwordInput,
    }),
    output: z.object({ user: sessionUser }),
  }),
  'setup.options': channel({
    summary: '처음 설정에 필요한 접수처 목록',
    access: 'public',
    input: empty,
    output: z.object({
      setupDone: z.boolean(),
      wardName: z.string(),
      stations: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['hq', 'dong']) })),
    }),
  }),
};
