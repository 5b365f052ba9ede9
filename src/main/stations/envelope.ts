// The .sotong file: magic, format version, a plain JSON header (who, which number, counts — no
// personal data), the gzip'd JSON body (AES-256-GCM under a scrypt key from the shared passphrase,
// or plain for receipts), and an Ed25519 signature over everything before it. Verified before decrypting.
import {
  type KeyObject,
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  scrypt,
  sign,
  verify,
} from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

export const MAGIC = Buffer.from('SOTONGPK', 'ascii');
export const FORMAT_VERSION = 1;
const MAX_HEADER = 64 * 1024;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };

export const MSG = {
  truncated: '꾸러미 파일이 잘렸거나 손상되었습니다. 원본 파일을 다시 복사해 오세요.',
  notPackage: '소통창구 꾸러미(.sotong) 파일이 아닙니다.',
  future: (v: number) =>
    `더 새 버전의 소통창구에서 만든 꾸러미입니다(형식 ${v}). 이 PC의 소통창구를 먼저 업데이트하세요. 가져오지 않았습니다.`,
  badSignature: '꾸러미 내용이 바뀌었거나 손상되었습니다(서명이 맞지 않음). 아무것도 가져오지 않았습니다.',
  badPassphrase:
    '암호가 맞지 않습니다. 접수처와 본청이 정한 암호를 확인하세요. 아무것도 가져오지 않았습니다.',
  badBody: '꾸러미 내용을 읽을 수 없습니다(형식이 맞지 않음). 아무것도 가져오지 않았습니다.',
};

export const headerSchema = z.object({
  kind: z.enum(['changes', 'reference', 'receipt']),
  from: z.object({ stationId: z.string(), code: z.string(), name: z.string() }),
  /** the peer's own id the package is addressed to (null: HQ, whichever it is) */
  to: z.object({ stationId: z.string().nullable() }),
  seq: z.number().int().min(0),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number()),
  keyFingerprint: z.string(),
  enc: z
    .object({
      alg: z.literal('aes-256-gcm'),
      kdf: z.literal('scrypt'),
      N: z
        .number()
        .int()
        .min(2 ** 10)
        .max(2 ** 20),
      r: z.number().int().min(1).max(32),
      p: z.number().int().min(1).max(16),
      salt: z.string(),
      iv: z.string(),
    })
    .nullable(),
});
export type PackageHeader = z.infer<typeof headerSchema>;

export interface Envelope {
  version: number;
  header: PackageHeader;
  headerBytes: Buffer;
  payload: Buffer;
  signed: Buffer;
  signature: Buffer;
  sha256: string;
}

export function sha256Hex(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

export interface DerivedKey {
  key: Buffer;
  salt: Buffer;
  params: typeof SCRYPT;
}

/** scrypt (≈100 ms, 32 MB): a guessed passphrase costs an attacker the same. Off the main thread. */
export function deriveKey(
  passphrase: string,
  salt: Buffer = randomBytes(16),
  params: typeof SCRYPT = SCRYPT,
): Promise<DerivedKey> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve({ key, salt, params })),
    );
  });
}

/** Builds and signs a package. `key` null = body not encrypted (receipts carry no personal data). */
export function seal(
  header: Omit<PackageHeader, 'enc'>,
  body: unknown,
  signer: KeyObject,
  key: DerivedKey | null,
): Buffer {
  const plain = gzipSync(Buffer.from(JSON.stringify(body), 'utf8'), { level: 6 });
  const iv = randomBytes(12);
  const full: PackageHeader = {
    ...header,
    enc: key
      ? {
          alg: 'aes-256-gcm',
          kdf: 'scrypt',
          ...key.params,
          salt: key.salt.toString('base64'),
          iv: iv.toString('base64'),
        }
      : null,
  };
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
  let payload = plain;
  if (key) {
    const c = createCipheriv('aes-256-gcm', key.key, iv);
    c.setAAD(headerBytes); // the header cannot be swapped onto another body
    payload = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  }
  const head = Buffer.alloc(MAGIC.length + 2 + 4);
  MAGIC.copy(head, 0);
  head.writeUInt16BE(FORMAT_VERSION, MAGIC.length);
  head.writeUInt32BE(headerBytes.length, MAGIC.length + 2);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(payload.length);
  const signed = Buffer.concat([head, headerBytes, len, payload]);
  const sig = sign(null, signed, signer);
  const sigLen = Buffer.alloc(2);
  sigLen.writeUInt16BE(sig.length);
  return Buffer.concat([signed, sigLen, sig]);
}

const fileError = (m: string) => new AppError('FILE', m);

/** Reads the framing and the header; checks magic and version. Does not trust anything yet. */
export function open(buf: Buffer): Envelope {
  if (buf.length < MAGIC.length + 2) throw fileError(buf.length === 0 ? MSG.truncated : MSG.notPackage);
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw fileError(MSG.notPackage);
  const version = buf.readUInt16BE(MAGIC.length);
  if (version > FORMAT_VERSION) throw fileError(MSG.future(version));
  if (version < 1) throw fileError(MSG.notPackage);
  let o = MAGIC.length + 2;
  const need = (n: number) => {
    if (o + n > buf.length) throw fileError(MSG.truncated);
  };
  need(4);
  const hLen = buf.readUInt32BE(o);
  o += 4;
  if (hLen > MAX_HEADER) throw fileError(MSG.notPackage);
  need(hLen);
  const headerBytes = buf.subarray(o, o + hLen);
  o += hLen;
  need(4);
  const pLen = buf.readUInt32BE(o);
  o += 4;
  need(pLen);
  const payload = buf.subarray(o, o + pLen);
  o += pLen;
  const signed = buf.subarray(0, o);
  need(2);
  const sLen = buf.readUInt16BE(o);
  o += 2;
  need(sLen);
  const signature = buf.subarray(o, o + sLen);
  o += sLen;
  if (o !== buf.length) throw fileError(MSG.badSignature); // bytes appended after the signature
  let header: PackageHeader;
  try {
    header = headerSchema.parse(JSON.parse(headerBytes.toString('utf8')));
  } catch {
    throw fileError(MSG.badSignature);
  }
  return { version, header, headerBytes, payload, signed, signature, sha256: sha256Hex(buf) };
}

export function checkSignature(env: Envelope, publicKey: KeyObject): void {
  let ok = false;
  try {
    ok = verify(null, env.signed, publicKey, env.signature);
  } catch {
    ok = false;
  }
  if (!ok) throw fileError(MSG.badSignature);
}

/** Only after checkSignature: decrypts (a failure now can only be the passphrase) and parses the body. */
export async function readBody(env: Envelope, passphrase: string | null): Promise<unknown> {
  let plain = env.payload;
  const enc = env.header.enc;
  if (enc) {
    if (passphrase === null) throw new AppError('VALIDATION', '이 꾸러미는 암호가 필요합니다.');
    const { key } = await deriveKey(passphrase, Buffer.from(enc.salt, 'base64'), {
      N: enc.N,
      r: enc.r,
      p: enc.p,
    });
    if (env.payload.length < 16) throw fileError(MSG.truncated);
    try {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(enc.iv, 'base64'));
      d.setAAD(env.headerBytes);
      d.setAuthTag(env.payload.subarray(env.payload.length - 16));
      plain = Buffer.concat([d.update(env.payload.subarray(0, env.payload.length - 16)), d.final()]);
    } catch {
      throw new AppError('VALIDATION', MSG.badPassphrase);
    }
  }
  try {
    return JSON.parse(gunzipSync(plain).toString('utf8'));
  } catch {
    throw fileError(MSG.badBody);
  }
}
