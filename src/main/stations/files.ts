// Files in and out: a path (Electron dialog, CLI) or base64 bytes (browser upload / download).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { sha256Hex } from './envelope';

const MAX_BYTES = 1024 * 1024 * 1024;

export function readSource(src: { path?: string; base64?: string }): Buffer {
  if (src.base64 !== undefined) {
    const b = Buffer.from(src.base64, 'base64');
    if (b.length === 0) throw new AppError('FILE', '파일 내용이 비어 있습니다.');
    return b;
  }
  const p = path.resolve(src.path ?? '');
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    throw new AppError('FILE', `파일을 찾을 수 없습니다: ${p}`);
  }
  if (!st.isFile()) throw new AppError('FILE', `파일이 아닙니다: ${p}`);
  if (st.size > MAX_BYTES) throw new AppError('FILE', `파일이 너무 큽니다: ${p}`);
  try {
    return fs.readFileSync(p);
  } catch {
    throw new AppError('FILE', `파일을 읽을 수 없습니다: ${p}`);
  }
}

export interface WrittenFile {
  fileName: string;
  path: string | null;
  base64: string | null;
  bytes: number;
  sha256: string;
}

/**
 * Writes next to the target and renames, so a half-written package never sits on the USB stick
 * under its real name. Without a path the bytes go back to the caller.
 */
export function deliver(bytes: Buffer, target: string | undefined, defaultName: string): WrittenFile {
  const sha256 = sha256Hex(bytes);
  if (!target)
    return {
      fileName: defaultName,
      path: null,
      base64: bytes.toString('base64'),
      bytes: bytes.length,
      sha256,
    };
  let p = path.resolve(target);
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, defaultName);
  const dir = path.dirname(p);
  if (!fs.existsSync(dir)) throw new AppError('FILE', `폴더를 찾을 수 없습니다: ${dir}`);
  const tmp = `${p}.${process.pid}.part`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, p);
  } catch {
    fs.rmSync(tmp, { force: true });
    throw new AppError('FILE', `파일을 쓸 수 없습니다: ${p}`);
  }
  return { fileName: path.basename(p), path: p, base64: null, bytes: bytes.length, sha256 };
}
