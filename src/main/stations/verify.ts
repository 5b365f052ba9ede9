// Every incoming package passes here before anything is decrypted or written: framing and version,
// kind, a paired sender with the same key, the signature, and the addressee.
import { AppError } from '../../shared/errors';
import { checkSignature, type Envelope, open, type PackageHeader } from './envelope';
import { type PeerRecord, publicKeyFrom, type StationKeys } from './keys';
import type { ThisStation } from './refs';

const KIND_NAMES: Record<PackageHeader['kind'], string> = {
  changes: '접수처 변경 꾸러미',
  reference: '본청 기준 자료 꾸러미',
  receipt: '본청 수령증',
};

export function verifiedEnvelope(
  buf: Buffer,
  keys: StationKeys,
  me: ThisStation,
  kind: PackageHeader['kind'],
): { env: Envelope; peer: PeerRecord } {
  const env = open(buf);
  const h = env.header;
  if (h.kind !== kind)
    throw new AppError(
      'VALIDATION',
      `이 파일은 ${KIND_NAMES[h.kind]}입니다. ${KIND_NAMES[kind]}를 가져오는 곳에서는 쓸 수 없습니다.`,
    );
  const senderRole = kind === 'changes' ? 'station' : 'hq';
  const peer = keys.peer(h.from.stationId);
  if (!peer || peer.role !== senderRole)
    throw new AppError(
      'FILE',
      `짝을 맺지 않은 ${senderRole === 'hq' ? '본청' : '접수처'}(${h.from.name}, ${h.from.code})에서 온 파일입니다. 먼저 짝 맺기 파일을 가져오세요. 아무것도 가져오지 않았습니다.`,
    );
  if (h.keyFingerprint !== peer.fingerprint)
    throw new AppError(
      'FILE',
      `${peer.name}와(과) 짝을 맺을 때 받은 열쇠와 다른 열쇠로 서명된 파일입니다. 다시 짝을 맺었는지 확인하세요. 아무것도 가져오지 않았습니다.`,
    );
  checkSignature(env, publicKeyFrom(peer.publicKey));
  if (h.to.stationId !== null && h.to.stationId !== me.id)
    throw new AppError('VALIDATION', '다른 접수처 앞으로 만든 파일입니다. 아무것도 가져오지 않았습니다.');
  return { env, peer };
}
