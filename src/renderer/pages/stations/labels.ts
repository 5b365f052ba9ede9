import type { ChangeCounts } from '../../../shared/contract/stations';
import { formatNumber } from '../../lib/format';

export const OCTET = 'application/octet-stream';

/** "사람 3명(새로 2), 동의 기록 6건(철회 1) …" for a package's counts. */
export function countsText(c: Partial<ChangeCounts> & Record<string, number | undefined>): string {
  const n = (v: number | undefined) => formatNumber(v ?? 0);
  const parts = [
    `사람 ${n(c.people)}명${c.newPeople !== undefined ? `(새로 ${n(c.newPeople)})` : ''}`,
    `동의 기록 ${n(c.events)}건${c.withdrawals !== undefined ? `(철회 ${n(c.withdrawals)})` : ''}`,
    `신청서 ${n(c.forms)}장`,
    `수신거부 ${n(c.suppressions)}건`,
  ];
  if (c.merged) parts.push(`합침 ${n(c.merged)}명`);
  if (c.conflicts) parts.push(`충돌 ${n(c.conflicts)}건`);
  return parts.join(', ');
}

export const PASSPHRASE_RULES = [
  { required: true, message: '암호를 입력하세요.' },
  { min: 8, message: '암호는 8자 이상이어야 합니다.' },
];
