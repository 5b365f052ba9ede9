// Error codes every way in (IPC, web bridge, CLI) shares; messages are Korean, for office staff.

export const ERROR_CODES = {
  VALIDATION: '입력값이 올바르지 않습니다.',
  UNAUTHENTICATED: '로그인이 필요합니다.',
  SESSION_EXPIRED: '오랫동안 사용하지 않아 로그아웃되었습니다. 다시 로그인해 주세요.',
  FORBIDDEN: '이 작업을 할 권한이 없습니다.',
  NOT_FOUND: '찾는 자료가 없습니다.',
  CONFLICT: '이미 같은 자료가 있습니다.',
  BAD_CREDENTIALS: '아이디 또는 비밀번호가 맞지 않습니다.',
  ACCOUNT_LOCKED: '로그인에 여러 번 실패하여 계정이 잠겼습니다.',
  ACCOUNT_DISABLED: '사용이 중지된 계정입니다. 관리자에게 문의하세요.',
  PASSWORD_POLICY: '비밀번호 규칙에 맞지 않습니다.',
  PASSWORD_CHANGE_REQUIRED: '비밀번호를 먼저 변경해야 합니다.',
  SETUP_REQUIRED: '처음 설정을 먼저 마쳐 주세요.',
  ALREADY_SET_UP: '이미 처음 설정을 마쳤습니다.',
  DB_NEWER: '이 데이터베이스는 더 새 버전의 소통창구에서 만들어졌습니다. 프로그램을 업데이트해 주세요.',
  DB_CORRUPT: '데이터베이스 파일을 읽을 수 없습니다. 파일이 손상되었거나 소통창구 파일이 아닙니다.',
  DB_FOREIGN: '소통창구 데이터베이스가 아닌 파일입니다.',
  DISK_FULL: '디스크 공간이 부족하여 저장하지 못했습니다. 공간을 확보한 뒤 다시 시도하세요.',
  DB_BUSY: '다른 작업이 데이터베이스를 사용 중입니다. 잠시 후 다시 시도하세요.',
  FILE: '파일을 처리하지 못했습니다.',
  UNKNOWN_CHANNEL: '알 수 없는 요청입니다.',
  INTERNAL: '처리 중 오류가 발생했습니다. 관리자에게 문의하세요.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** per-field messages for forms, keyed by dotted path */
  fields?: Record<string, string>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  constructor(code: ErrorCode, message?: string, fields?: Record<string, string>) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }
  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function isAppErrorShape(v: unknown): v is AppErrorShape {
  return typeof v === 'object' && v !== null && 'code' in v && 'message' in v;
}
