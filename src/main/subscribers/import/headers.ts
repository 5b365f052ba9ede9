// Header recognition: which row holds the column titles and what each title means.
import type { ImportColumn, ImportKind, ImportMapping, ImportTarget } from '../../../shared/contract/imports';
import { type CellValue, cellText, parseChannelWord } from './values';

export interface FieldRef {
  id: number;
  name: string;
  code: string;
  audience: 'individual' | 'business';
}

/** Header text reduced to what matters: no spaces, brackets' content kept, punctuation dropped. */
export function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()[\]{}<>_\-.·ㆍ\u119e・‧,:*※#/\\'"]/g, ''); // ㆍ becomes U+119E under NFKC
}

const SYNONYMS: [Exclude<ImportTarget, 'field' | 'ignore'>, string[]][] = [
  [
    'name',
    [
      '성명',
      '이름',
      '성함',
      '신청인',
      '신청자',
      '신청자성명',
      '신청인성명',
      '구독자',
      '구독자명',
      '주민명',
      '성명한글',
      '이름한글',
      'name',
    ],
  ],
  [
    'mobile',
    [
      '휴대전화',
      '휴대폰',
      '핸드폰',
      '연락처',
      '전화번호',
      '휴대전화번호',
      '휴대폰번호',
      '핸드폰번호',
      '이동전화',
      '이동전화번호',
      '전화',
      '휴대번호',
      'hp',
      'h.p',
      '모바일',
      'mobile',
      'phone',
      'tel',
      '연락처휴대폰',
      '연락처휴대전화',
      '휴대전화연락처',
      '대표전화',
      '업소전화',
      '사업장전화',
    ],
  ],
  [
    'email',
    ['이메일', '전자우편', 'email', 'e-mail', '메일', '이메일주소', '전자우편주소', '메일주소', 'mail'],
  ],
  [
    'birth',
    [
      '생년월일',
      '생년',
      '출생연도',
      '출생년도',
      '생일',
      '출생일',
      '생년월일6자리',
      '생년월일8자리',
      '출생년월일',
      '태어난해',
    ],
  ],
  ['gender', ['성별', '남녀', '남여', 'gender', 'sex']],
  [
    'dong',
    [
      '행정동',
      '동',
      '동명',
      '거주동',
      '주소동',
      '읍면동',
      '소속동',
      '담당동',
      '관할동',
      '행정동명',
      '주민센터',
    ],
  ],
  [
    'address',
    [
      '주소',
      '소재지',
      '사업장주소',
      '도로명주소',
      '지번주소',
      '거주지',
      '사업장소재지',
      '업소소재지',
      '주소지',
      'address',
    ],
  ],
  ['representative', ['대표자', '대표자명', '대표', '대표자성명', '대표이사', '사업주']],
  ['businessType', ['업종', '업태', '업종명', '업종구분', '업종분류', '영업종류', '업소구분']],
  [
    'appliedAt',
    [
      '접수일',
      '신청일',
      '접수일자',
      '신청일자',
      '가입일',
      '가입일자',
      '등록일',
      '등록일자',
      '동의일',
      '동의일자',
      '신청일시',
      '접수일시',
    ],
  ],
  [
    'fieldList',
    ['수신분야', '신청분야', '관심분야', '분야', '수신희망분야', '정보수신분야', '구독분야', '수신정보'],
  ],
  ['channels', ['수신방법', '수신매체', '수신방식', '수신경로', '매체', '수신수단', '발송방법']],
  ['note', ['비고', '메모', '참고', '특이사항']],
];
const BUSINESS_NAME = [
  '상호',
  '업체명',
  '상호명',
  '사업장명',
  '업소명',
  '회사명',
  '기관명',
  '시설명',
  '업체',
  '사업체명',
];

const TARGET_OF = new Map<string, Exclude<ImportTarget, 'field' | 'ignore'>>();
for (const [t, words] of SYNONYMS) for (const w of words) TARGET_OF.set(headerKey(w), t);

function fieldKey(s: string): string {
  return headerKey(s).replace(/(정보|안내|통지서|고지서|소식지)$/, '');
}

/** Finds a field by its name or code, tolerating spaces/dots and a dropped 정보/안내 suffix. */
export function matchField(text: string, fields: FieldRef[]): FieldRef | null {
  const k = headerKey(text);
  if (!k) return null;
  const exact = fields.find((f) => headerKey(f.name) === k || f.code.toLowerCase() === k);
  if (exact) return exact;
  const fk = fieldKey(text);
  const loose = fields.filter((f) => fieldKey(f.name) === fk);
  return loose.length === 1 ? loose[0] : null;
}

const CHANNEL_SUFFIX =
  /^(.*?)[\s(（_\-/]*(sms|문자|문자메시지|이메일|e-?mail|메일|전자우편)(수신|동의|수신동의)?[)）]?$/i;

export interface Recognised {
  target: ImportTarget;
  fieldId: number | null;
  channel: ImportColumn['channel'];
}

/** What one header means, with the row above it (two-row headers: field over SMS/이메일). */
export function recogniseHeader(
  text: string,
  above: string,
  kind: ImportKind,
  fields: FieldRef[],
): Recognised | null {
  const own = fields.filter((f) => f.audience === kind);
  const k = headerKey(text);
  if (!k) return null;
  // Two-row header: a channel word under a field name.
  const ch = parseChannelWord(text);
  if (ch && above) {
    const f = matchField(above, own);
    if (f) return { target: 'field', fieldId: f.id, channel: ch };
  }
  if (kind === 'business' && BUSINESS_NAME.some((w) => headerKey(w) === k))
    return { target: 'name', fieldId: null, channel: 'default' };
  const f = matchField(text, own);
  if (f) return { target: 'field', fieldId: f.id, channel: 'default' };
  // "문화공연(SMS)", "문화공연 이메일"
  const m = CHANNEL_SUFFIX.exec(text.normalize('NFKC').trim());
  if (m?.[1]) {
    const f2 = matchField(m[1], own);
    const c = parseChannelWord(m[2]);
    if (f2 && c) return { target: 'field', fieldId: f2.id, channel: c };
  }
  const t = TARGET_OF.get(k);
  if (t) return { target: t, fieldId: null, channel: 'default' };
  // "SMS 수신", "이메일수신동의": a yes/no column for one channel.
  if (ch && /수신|동의/.test(text)) return { target: 'channelOptIn', fieldId: null, channel: ch };
  if (ch === 'sms' || ch === 'email') return { target: 'channelOptIn', fieldId: null, channel: ch };
  return null;
}

/**
 * Header texts of the upper header row; a merged title (blank cells to its right) is carried over
 * the sub-headers below it, and only over those.
 */
function carried(row: CellValue[], below: CellValue[]): string[] {
  const out: string[] = [];
  let last = '';
  const width = Math.max(row.length, below.length);
  for (let i = 0; i < width; i++) {
    const t = cellText(row[i] ?? null);
    if (t) last = t;
    out.push(t || (cellText(below[i] ?? null) ? last : ''));
  }
  return out;
}

export interface HeaderGuess {
  mapping: ImportMapping;
  headers: string[];
  unrecognised: string[];
}

/**
 * Picks the header row among the first rows: the one where most titles are recognised (a title
 * row above the table, a blank row or a note are skipped). Then looks whether the next row is a
 * row of SMS/이메일 sub-headers.
 */
export function detectHeader(rows: CellValue[][], kind: ImportKind, fields: FieldRef[]): HeaderGuess | null {
  let best: { index: number; score: number } | null = null;
  const limit = Math.min(rows.length, 30);
  for (let i = 0; i < limit; i++) {
    let score = 0;
    let contact = false;
    for (const c of rows[i]) {
      const r = recogniseHeader(cellText(c), '', kind, fields);
      if (!r) continue;
      score++;
      if (r.target === 'mobile' || r.target === 'email' || r.target === 'name') contact = true;
    }
    if (contact && score >= 2 && (!best || score > best.score)) best = { index: i, score };
  }
  if (!best) return null;
  const top = rows[best.index];
  const next = rows[best.index + 1] ?? [];
  const subHeaders = next.filter((c) => parseChannelWord(cellText(c))).length;
  const twoRows =
    subHeaders >= 2 && next.every((c) => cellText(c) === '' || parseChannelWord(cellText(c)) !== null);
  const headerIdx = twoRows ? best.index + 1 : best.index;
  return buildMapping(twoRows ? [top, next] : [top], headerIdx + 1, kind, fields);
}

function buildMapping(
  headerRows: CellValue[][],
  headerRow: number,
  kind: ImportKind,
  fields: FieldRef[],
): HeaderGuess {
  const upper = headerRows.length === 2 ? carried(headerRows[0], headerRows[1]) : [];
  const lower = headerRows[headerRows.length - 1];
  const width = Math.max(...headerRows.map((r) => r.length));
  const columns: ImportColumn[] = [];
  const headers: string[] = [];
  const unrecognised: string[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < width; i++) {
    const own = cellText(lower[i] ?? null);
    const above = upper[i] ?? '';
    const header =
      headerRows.length === 2 && own && above && own !== above ? `${above} ${own}` : own || above;
    headers.push(header);
    if (!header) continue;
    const r = recogniseHeader(own || above, own ? above : '', kind, fields);
    // The first column of a kind wins (a second 연락처 is often a landline or a guardian's).
    const key = r ? (r.target === 'field' ? `f${r.fieldId}:${r.channel}` : r.target) : '';
    const single = r && !['field', 'note', 'ignore', 'channelOptIn'].includes(r.target);
    if (!r || (single && taken.has(key))) {
      if (!r) unrecognised.push(header);
      columns.push({ column: i, header, target: 'ignore', fieldId: null, channel: 'default' });
      continue;
    }
    taken.add(key);
    columns.push({ column: i, header, target: r.target, fieldId: r.fieldId, channel: r.channel });
  }
  return {
    mapping: {
      headerRow,
      headerRows: headerRows.length,
      columns,
      defaultChannel: 'auto',
      defaultFieldIds: [],
    },
    headers,
    unrecognised,
  };
}

/** Header texts at a known header row (for a mapping given by the caller). */
export function headersAt(rows: CellValue[][], mapping: ImportMapping): string[] {
  const lower = rows[mapping.headerRow - 1] ?? [];
  if (mapping.headerRows === 2) {
    const upper = carried(rows[mapping.headerRow - 2] ?? [], lower);
    const width = Math.max(lower.length, upper.length);
    return Array.from({ length: width }, (_, i) => {
      const own = cellText(lower[i] ?? null);
      const above = upper[i] ?? '';
      return own && above && own !== above ? `${above} ${own}` : own || above;
    });
  }
  return lower.map((c) => cellText(c));
}

/**
 * A saved mapping re-applied to a new file: columns are found again by header text (the office's
 * template may have gained or lost a column since), by position only when the header is the same.
 */
export function applySavedMapping(
  saved: ImportMapping,
  rows: CellValue[][],
  kind: ImportKind,
  fields: FieldRef[],
): HeaderGuess | null {
  const auto = detectHeader(rows, kind, fields);
  const headerRow = auto?.mapping.headerRow ?? saved.headerRow;
  const headerRows = auto?.mapping.headerRows ?? saved.headerRows;
  const headers = headersAt(rows, { ...saved, headerRow, headerRows });
  if (headers.every((h) => !h)) return null;
  const byHeader = new Map<string, number[]>();
  headers.forEach((h, i) => {
    const k = headerKey(h);
    if (k) byHeader.set(k, [...(byHeader.get(k) ?? []), i]);
  });
  const used = new Set<number>();
  const columns: ImportColumn[] = [];
  for (const c of saved.columns) {
    const candidates = byHeader.get(headerKey(c.header)) ?? [];
    const idx = candidates.includes(c.column) ? c.column : candidates.find((i) => !used.has(i));
    if (idx === undefined || used.has(idx)) continue;
    used.add(idx);
    columns.push({ ...c, column: idx, header: headers[idx] });
  }
  const unrecognised: string[] = [];
  headers.forEach((h, i) => {
    if (used.has(i) || !h) return;
    unrecognised.push(h);
    columns.push({ column: i, header: h, target: 'ignore', fieldId: null, channel: 'default' });
  });
  columns.sort((a, b) => a.column - b.column);
  return { mapping: { ...saved, headerRow, headerRows, columns }, headers, unrecognised };
}
