import { z } from 'zod';

export const ROLES = ['admin', 'pr', 'dong', 'dept'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: '관리자',
  pr: '홍보',
  dong: '주민센터',
  dept: '부서',
};
export const roleSchema = z.enum(ROLES);

/** Who may call a channel: anyone (login, first run), any signed-in user, or the listed roles. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Korean one-liner, shown in the CLI's channel list and the docs */
  summary: string;
  /** callable while the user still has to change a one-time password */
  allowDuringPasswordChange?: boolean;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });

/** Dates travel as ISO strings; the UI formats them YYYY.MM.DD. */
export const isoDateTime = z.string();
export const uuid = z.string().uuid({ message: '식별자 형식이 올바르지 않습니다.' });

export const pageInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(1000).default(50),
});

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
