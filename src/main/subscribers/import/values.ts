// Cell values as ward offices write them, read leniently: O/X marks, 남/여, births in every shape.
import { excelSerialToDate, parseKoreanDate } from '../../../shared/text/dates';

/** A cell as the reader hands it over: rich text, formulas and hyperlinks are already flattened. */
export type CellValue = string | number | boolean | Date | null;

/** Flattens an exceljs cell value: rich text runs joined, formula → result, hyperlink → text. */
export function flattenCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return flattenCell(o.result);
    if ('text' in o) return flattenCell(o.text);
    if ('error' in o) return null; // #N/A, #VALUE!: nothing to read
  }
  return String(v);
}

/** The cell as text, trimmed; numbers without a thousands separator or exponent. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.replace(/[\u200B-\u200D\uFEFF]/g, '').trim();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.toISOString();
}

export function isBlank(v: CellValue): boolean {
  return cellText(v) === '';
}

const YES = new Set([
  'o',
  'ㅇ',
  '○',
  '◯',
  '●',
  '◎',
  '⭕',
  'y',
  'yes',
  '1',
  '예',
  '네',
  '동의',
  '수신',
  '수신동의',
  '신청',
  'v',
  '✓',
  '✔',
  '☑',
  '✅',
  'true',
  't',
]);
const NO = new Set([
  'x',
  '×',
  '✗',
  '✘',
  'n',
  'no',
  '0',
  '아니오',
  '아니요',
  '아니오.',
  '미동의',
  '부동의',
  '거부',
  '수신거부',
  '미신청',
  'false',
  'f',
  '-',
  '—',
]);

/** A consent mark: true, false (blank counts as no), or null when it cannot be read. */
export function parseMark(v: CellValue): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  const s = cellText(v).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (s === '') return false;
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return null;
}

const MALE = new Set(['남', '남자', '남성', 'm', 'male', 'man', '男']);
const FEMALE = new Set(['여', '여자', '여성', 'f', 'female', 'woman', '女']);

export function parseGender(v: CellValue): 'M' | 'F' | null | undefined {
  const s = cellText(v).normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (s === '') return null;
  if (MALE.has(s)) return 'M';
  if (FEMALE.has(s)) return 'F';
  return undefined; // present but unreadable
}

const SEOUL_YEAR = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Seoul', year: 'numeric' });
const yearOf = (d: Date) => Number(SEOUL_YEAR.format(d));

/**
 * Birth year from a date cell, an Excel serial, 1975-03-02, 1975.03.02, 750302, 19750302 or a
 * year. Returns null for a blank cell and undefined for a value that cannot be a birth date.
 */
export function parseBirthYear(v: CellValue, thisYear: number): number | null | undefined {
  const ok = (y: number) => (y >= 1900 && y <= thisYear ? y : undefined);
  if (v === null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : ok(yearOf(v));
  if (typeof v === 'number') return birthFromNumber(v, thisYear, ok);
  let s = cellText(v).normalize('NFKC');
  if (s === '') return null;
  s = s.replace(/\s*(년생|생)$/, '').replace(/\s*년$/, '');
  if (/^\d{4}$/.test(s)) return ok(Number(s));
  if (/^\d{5}$/.test(s)) return birthFromNumber(Number(s), thisYear, ok); // a serial typed as text
  const d = parseKoreanDate(s, { pivot: (thisYear % 100) + 1 });
  return d ? ok(d.year) : undefined;
}

function birthFromNumber(
  n: number,
  thisYear: number,
  ok: (y: number) => number | undefined,
): number | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const i = Math.trunc(n);
  if (i >= 1000 && i <= 2100) return ok(i); // a year (four digits: far likelier than a serial of 1902–1905)
  if (i >= 19000101 && i <= 21001231) {
    const d = parseKoreanDate(String(i));
    return d ? ok(d.year) : undefined;
  }
  if (i >= 100000 && i <= 991231) {
    const d = parseKoreanDate(String(i), { pivot: (thisYear % 100) + 1 });
    return d ? ok(d.year) : undefined;
  }
  if (i < 100000) {
    const d = excelSerialToDate(n);
    return d ? ok(yearOf(d)) : undefined;
  }
  return undefined;
}

/** A 접수일/신청일 cell → ISO instant (Seoul midnight of that day); null blank, undefined unreadable. */
export function parseDateCell(v: CellValue, now: Date): string | null | undefined {
  if (v === null) return null;
  let d: Date | null = null;
  if (v instanceof Date) d = v;
  else if (typeof v === 'number') {
    d =
      v >= 19000101 && v <= 21001231
        ? fromParts(parseKoreanDate(String(Math.trunc(v))))
        : excelSerialToDate(v);
  } else {
    const s = cellText(v).normalize('NFKC');
    if (s === '') return null;
    const iso = /^(\d{4}-\d{2}-\d{2})T/.exec(s);
    d = iso
      ? fromParts(parseKoreanDate(iso[1]))
      : fromParts(parseKoreanDate(s.replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '')));
  }
  if (!d || Number.isNaN(d.getTime()) || d.getTime() > now.getTime() + 86_400_000 || yearOf(d) < 2000)
    return undefined;
  return d.toISOString();
}

function fromParts(p: { year: number; month?: number; day?: number } | null): Date | null {
  if (!p) return null;
  const mm = String(p.month ?? 1).padStart(2, '0');
  const dd = String(p.day ?? 1).padStart(2, '0');
  return new Date(`${p.year}-${mm}-${dd}T00:00:00+09:00`);
}

/** "문화공연, 건강정보 / 교육정보" → names ('·' stays: field names such as 지방세·세외수입 contain it). */
export function splitList(v: CellValue): string[] {
  return cellText(v)
    .split(/[,，、/;\n]|\s{2,}/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Channel words: 문자/SMS/휴대폰 → sms, 이메일/메일 → email, 모두/전체/둘다 → both. */
export function parseChannelWord(s: string): 'sms' | 'email' | 'both' | null {
  const k = s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()（）_-]/g, '');
  if (/^(sms|lms|mms|문자|문자메시지|휴대폰|휴대전화|핸드폰|메시지|단문|장문)(수신)?$/.test(k)) return 'sms';
  if (/^(이메일|e?mail|전자우편|메일)(수신)?$/.test(k)) return 'email';
  if (/^(모두|전체|둘다|둘다수신|문자\+?이메일|sms\+?이메일|both|all)$/.test(k)) return 'both';
  return null;
}
