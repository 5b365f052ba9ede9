import { z } from 'zod';
import { channel, empty, ok, roleSchema } from './define';
import { passwordInput, usernameSchema } from './auth';

export const userRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  dongId: z.number().int().nullable(),
  department: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserRow = z.infer<typeof userRow>;

const userFields = {
  displayName: z.string().trim().min(1, '이름을 입력하세요.').max(40, '이름은 40자 이하여야 합니다.'),
  role: roleSchema,
  dongId: z.number().int().positive().nullable().default(null),
  department: z.string().trim().max(60).nullable().default(null),
};

export const usersChannels = {
  'users.list': channel({
    summary: '사용자 목록',
    access: ['admin'],
    input: empty,
    output: z.object({ items: z.array(userRow) }),
  }),
  'users.create': channel({
    summary: '사용자 추가',
    access: ['admin'],
    input: z.object({
      username: usernameSchema,
      password: passwordInput,
      mustChangePassword: z.boolean().default(true),
      ...userFields,
    }),
    output: z.object({ user: userRow }),
  }),
  'users.update': channel({
    summary: '사용자 정보·권한 변경',
    access: ['admin'],
    input: z.object({ id: z.string(), active: z.boolean(), ...userFields }),
    output: z.object({ user: userRow }),
  }),
  'users.resetPassword': channel({
    summary: '사용자 비밀번호 재설정 (다음 로그인 때 변경)',
    access: ['admin'],
    input: z.object({ id: z.string(), password: passwordInput }),
    output: ok,
  }),
  'users.unlock': channel({
    summary: '잠긴 계정 풀기',
    access: ['admin'],
    input: z.object({ id: z.string() }),
    output: ok,
  }),
};
