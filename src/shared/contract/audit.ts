import { z } from 'zod';
import { channel, paged } from './define';

export const AUDIT_ACTIONS = {
  login: '로그인',
  login_failed: '로그인 실패',
  logout: '로그아웃',
  view: '조회',
  create: '등록',
  edit: '수정',
  delete: '삭제',
  export: '내보내기',
  print: '인쇄',
  import: '가져오기',
  send: '발송',
  grant: '권한 부여·변경',
  revoke: '권한 회수',
  password: '비밀번호 변경',
  unlock: '잠금 해제',
  forbidden: '권한 없는 접근 시도',
  settings: '설정 변경',
  backup: '백업',
  restore: '복원',
  setup: '처음 설정',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const auditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string(),
  role: z.string().nullable(),
  origin: z.string(),
  stationId: z.string().nullable(),
  address: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  subjectCount: z.number().int(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRow>;

export const auditChannels = {
  'audit.list': channel({
    summary: '접속기록 조회',
    access: ['admin'],
    input: z.object({
      from: z.string().optional(),
      to: z.string().optional(),
      username: z.string().trim().optional(),
      action: z.string().optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(100),
    }),
    output: paged(auditRow),
  }),
  'audit.verify': channel({
    summary: '접속기록 위·변조 검사',
    access: ['admin'],
    input: z.object({}).strict(),
    output: z.object({ ok: z.boolean(), checked: z.number().int(), brokenAtId: z.number().int().nullable() }),
  }),
};
