// Field-level three-way merge of one person: base = what this station told HQ last time. A field
// only the station changed is taken, one only HQ changed is kept; when both changed it the later
// version (then updatedAt) wins and the pair is recorded for review — opt-outs win over the rest.
import type { SubscriberRecord } from '../subscribers/repository';
import type { SubscriberWire } from './body';

export const MERGE_FIELDS = [
  'name',
  'representative',
  'businessTypeId',
  'mobile',
  'email',
  'emailInvalidAt',
  'birthYear',
  'gender',
  'dongId',
  'address',
  'status',
  'note',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const FIELD_LABELS: Record<MergeField, string> = {
  name: '이름',
  representative: '대표자',
  businessTypeId: '업종',
  mobile: '휴대전화',
  email: '이메일',
  emailInvalidAt: '이메일 오류 표시',
  birthYear: '출생연도',
  gender: '성별',
  dongId: '행정동',
  address: '주소',
  status: '구독 상태',
  note: '메모',
};

export type Base = Partial<Record<MergeField | 'phoneKind', unknown>>;
type Value = string | number | null;

export interface ConflictDraft {
  field: MergeField;
  localValue: Value;
  incomingValue: Value;
  chosen: 'local' | 'incoming';
  reason: string;
}

const norm = (v: unknown): Value => (v === undefined || v === '' ? null : (v as Value));
const same = (a: unknown, b: unknown) => norm(a) === norm(b);

export function baseOf(s: SubscriberWire): Base {
  const b: Base = { phoneKind: s.phoneKind };
  for (const f of MERGE_FIELDS) b[f] = norm(s[f]);
  return b;
}

/**
 * @param incoming the station's record with dong/business-type ids already mapped to ours
 * @param newPaperForm the package carries a paper form for this person (lets a re-subscription through)
 */
export function mergeSubscriber(
  local: SubscriberRecord,
  incoming: SubscriberWire,
  base: Base | null,
  newPaperForm: boolean,
): { patch: Partial<SubscriberRecord>; conflicts: ConflictDraft[] } {
  const patch: Record<string, unknown> = {};
  const conflicts: ConflictDraft[] = [];
  const incomingWins =
    incoming.version > local.version ||
    (incoming.version === local.version && incoming.updatedAt > local.updatedAt);
  for (const f of MERGE_FIELDS) {
    const li = norm(local[f]);
    const ii = norm(incoming[f]);
    if (li === ii) continue;
    if (base && same(ii, base[f])) continue; // the station did not touch it
    if (f === 'status' && li === 'withdrawn' && !newPaperForm) {
      // A re-subscription needs a new paper form, whoever changed what.
      conflicts.push({
        field: f,
        localValue: li,
        incomingValue: ii,
        chosen: 'local',
        reason: '수신 해지가 우선합니다(새 서면 신청서 없음).',
      });
      continue;
    }
    if (base && same(li, base[f])) {
      patch[f] = ii; // only the station changed it
      continue;
    }
    if (!base && li === null) {
      patch[f] = ii; // first meeting: fill what HQ lacks
      continue;
    }
    if (!base && ii === null) continue;
    let chosen: 'local' | 'incoming';
    let reason: string;
    if (f === 'status' && ii === 'withdrawn') {
      chosen = 'incoming';
      reason = '수신 해지가 우선합니다.';
    } else if (f === 'status' && li === 'withdrawn') {
      chosen = 'incoming';
      reason = '새 서면 신청서가 있어 접수처의 구독 상태를 택했습니다.';
    } else {
      chosen = incomingWins ? 'incoming' : 'local';
      reason = incomingWins
        ? '접수처 기록의 버전이 더 높거나 더 나중에 고쳐졌습니다.'
        : '본청 기록의 버전이 더 높거나 더 나중에 고쳐졌습니다.';
    }
    if (!base) reason = `같은 휴대전화로 따로 등록된 사람을 합쳤습니다. ${reason}`;
    if (chosen === 'incoming') patch[f] = ii;
    conflicts.push({ field: f, localValue: li, incomingValue: ii, chosen, reason });
  }
  if ('mobile' in patch) patch.phoneKind = incoming.phoneKind;
  return { patch: patch as Partial<SubscriberRecord>, conflicts };
}
