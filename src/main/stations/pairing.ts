// Pairing: each side writes a small file with its station id, code and public key; the other side
// imports it. Staff compare the fingerprint on both screens (or read it out on the phone).
import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { seoulStamp } from '../subscribers/time';
import { deliver, readSource, type WrittenFile } from './files';
import { fingerprintOf, type PeerRecord, publicKeyFrom, type StationKeys } from './keys';
import { thisStation } from './refs';

export const PAIRING_FORMAT = 'sotong-pairing';
export const PAIRING_VERSION = 1;

const pairingSchema = z.object({
  format: z.literal(PAIRING_FORMAT),
  version: z.number().int(),
  role: z.enum(['hq', 'station']),
  wardName: z.string(),
  station: z.object({
    id: z.string().min(1),
    code: z.string().min(1),
    name: z.string().min(1),
    kind: z.enum(['hq', 'dong']),
    dongCode: z.string().nullable(),
    dongName: z.string().nullable(),
  }),
  publicKey: z.string().min(1),
  fingerprint: z.string(),
  createdAt: z.string(),
  signature: z.string(),
});
type PairingFile = z.infer<typeof pairingSchema>;

const canonical = (p: Omit<PairingFile, 'signature'>) =>
  Buffer.from(
    JSON.stringify([p.format, p.version, p.role, p.wardName, p.station, p.publicKey, p.createdAt]),
    'utf8',
  );

export function exportPairing(
  core: Core,
  keys: StationKeys,
  target: string | undefined,
): WrittenFile & { fingerprint: string; role: 'hq' | 'station' } {
  const me = thisStation(core);
  const key = keys.own();
  const dong = me.dongId ? core.reference.dong(me.dongId) : null;
  const unsigned: Omit<PairingFile, 'signature'> = {
    format: PAIRING_FORMAT,
    version: PAIRING_VERSION,
    role: me.kind === 'hq' ? 'hq' : 'station',
    wardName: core.settings.get().wardName,
    station: {
      id: me.id,
      code: me.code,
      name: me.name,
      kind: me.kind,
      dongCode: dong?.code ?? null,
      dongName: dong?.name ?? null,
    },
    publicKey: key.publicDer,
    fingerprint: key.fingerprint,
    createdAt: core.clock.now().toISOString(),
  };
  const file: PairingFile = {
    ...unsigned,
    signature: sign(null, canonical(unsigned), key.privateKey).toString('base64'),
  };
  const bytes = Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
  const name = `sotong-pair-${me.code}-${seoulStamp(core.clock.now())}.json`;
  return { ...deliver(bytes, target, name), fingerprint: key.fingerprint, role: unsigned.role };
}

const bad = (m: string) => new AppError('FILE', m);

export function importPairing(
  core: Core,
  keys: StationKeys,
  src: { path?: string; base64?: string },
  pairedBy: string | null,
): { peer: PeerRecord; replaced: boolean } {
  const me = thisStation(core);
  let raw: unknown;
  try {
    raw = JSON.parse(readSource(src).toString('utf8'));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad('짝 맺기 파일이 아닙니다(읽을 수 없는 형식).');
  }
  const version = (raw as { version?: unknown })?.version;
  if ((raw as { format?: unknown })?.format !== PAIRING_FORMAT)
    throw bad('소통창구 짝 맺기 파일이 아닙니다.');
  if (typeof version === 'number' && version > PAIRING_VERSION)
    throw bad('더 새 버전의 소통창구에서 만든 짝 맺기 파일입니다. 이 PC의 소통창구를 먼저 업데이트하세요.');
  const parsed = pairingSchema.safeParse(raw);
  if (!parsed.success) throw bad('짝 맺기 파일이 손상되었습니다.');
  const p = parsed.data;
  let pub: ReturnType<typeof publicKeyFrom>;
  try {
    pub = publicKeyFrom(p.publicKey);
  } catch {
    throw bad('짝 맺기 파일의 열쇠를 읽을 수 없습니다.');
  }
  if (
    pub.asymmetricKeyType !== 'ed25519' ||
    fingerprintOf(p.publicKey) !== p.fingerprint ||
    !verify(null, canonical(p), pub, Buffer.from(p.signature, 'base64'))
  )
    throw bad('짝 맺기 파일이 바뀌었거나 손상되었습니다(서명이 맞지 않음).');
  if (p.station.id === me.id || p.publicKey === keys.own().publicDer)
    throw new AppError(
      'VALIDATION',
      '이 PC가 만든 짝 맺기 파일입니다. 상대편(본청 또는 주민센터)의 파일을 가져오세요.',
    );
  if (me.kind === 'hq' && p.role !== 'station')
    throw new AppError('VALIDATION', '본청에서는 주민센터(접수처)가 만든 짝 맺기 파일만 가져올 수 있습니다.');
  if (me.kind === 'dong' && p.role !== 'hq')
    throw new AppError('VALIDATION', '주민센터에서는 본청이 만든 짝 맺기 파일만 가져올 수 있습니다.');

  // The same station in our own list, by code; added when this installation has never heard of it.
  const ref = core.reference.list();
  let local = ref.stations.find((s) => s.code === p.station.code);
  if (!local) {
    const dongId = p.station.dongCode
      ? (ref.dongs.find((d) => d.code === p.station.dongCode)?.id ?? null)
      : null;
    if (p.station.kind === 'dong' && !dongId)
      throw new AppError(
        'VALIDATION',
        `이 PC에 없는 행정동(${p.station.dongName ?? p.station.dongCode ?? '?'})의 접수처입니다. 설정에서 행정동을 먼저 추가하세요.`,
      );
    local = core.reference.saveStation({
      code: p.station.code,
      name: p.station.name,
      kind: p.station.kind,
      dongId,
      active: true,
    });
  }
  const peer: PeerRecord = {
    remoteId: p.station.id,
    localStationId: local.id,
    role: p.role,
    code: p.station.code,
    name: p.station.name,
    publicKey: p.publicKey,
    fingerprint: p.fingerprint,
    pairedAt: core.clock.now().toISOString(),
    pairedBy,
  };
  const { replaced } = keys.savePeer(peer);
  return { peer, replaced };
}
