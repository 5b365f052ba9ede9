import { AppError } from '../../shared/errors';

export interface Out {
  json: boolean;
  /** prints a result: JSON with --json, else the human lines */
  result(value: unknown, human?: () => string | string[]): void;
  info(line: string): void;
}

export function makeOut(json: boolean): Out {
  return {
    json,
    result(value, human) {
      if (json || !human) {
        process.stdout.write(`${JSON.stringify(value, null, json ? 2 : 2)}\n`);
        return;
      }
      const h = human();
      process.stdout.write(`${Array.isArray(h) ? h.join('\n') : h}\n`);
    },
    info(line) {
      if (!json) process.stdout.write(`${line}\n`);
      else process.stderr.write(`${line}\n`);
    },
  };
}

/** Errors reach the terminal as one Korean line (and a JSON object with --json), never a stack. */
export function reportError(e: unknown, json: boolean): number {
  const err =
    e instanceof AppError
      ? e
      : (e as { code?: string })?.code === 'commander.usage'
        ? new AppError('VALIDATION', String((e as Error).message))
        : null;
  if (err) {
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: err.toShape() })}\n`);
    process.stderr.write(`오류: ${err.message}\n`);
    if (err.fields)
      for (const [k, v] of Object.entries(err.fields))
        if (!err.message.includes(v)) process.stderr.write(`  - ${k}: ${v}\n`);
    return 1;
  }
  process.stderr.write(`오류: 처리 중 문제가 생겼습니다: ${(e as Error)?.message ?? e}\n`);
  if (process.env.SOTONG_DEBUG) console.error(e);
  return 1;
}
