import { AppError, type ErrorCode } from '../../shared/errors';

/** Maps SQLite's own error codes to messages office staff can act on. */
export function translateSqliteError(e: unknown, fallback: ErrorCode = 'INTERNAL'): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string })?.code ?? '';
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE') return new AppError('DISK_FULL');
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new AppError('DB_CORRUPT');
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new AppError('DB_BUSY');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return new AppError('CONFLICT');
  if (code === 'SQLITE_CANTOPEN')
    return new AppError('DB_CORRUPT', '데이터베이스 파일을 열 수 없습니다. 경로와 권한을 확인하세요.');
  return new AppError(fallback);
}
