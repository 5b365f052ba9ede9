// One spreadsheet row → a subscriber record, its requested consents and what is wrong with it.
import type {
  ImportColumn,
  ImportKind,
  ImportMapping,
  ImportProblem,
  ImportTarget,
} from '../../../shared/contract/imports';
import { normalizeEmail } from '../../../shared/text/email';
import { formatPhone, normalizePhone, type PhoneKind } from '../../../shared/text/phone';
import type { Channel } from '../repository';
import { type FieldRef, matchField } from './headers';
import { dongKey, NameMatcher, typeKey } from './names';
import type { RawRow } from './read';
import {
  type CellValue,
  cellText,
  parseBirthYear,
  parseChannelWord,
  parseDateCell,
  parseGender,
  parseMark,
  splitList,
} from './values';

export interface Reference {
  fields: FieldRef[];
  dongs: { id: number; name: string }[];
  businessTypes: { id: number; name: string }[];
}

export interface NormalRecord {
  name: string | null;
  mobile: string | null;
  phoneKind: PhoneKind | null;
  email: string | null;
  birthYear: number | null;
  gender: 'M' | 'F' | null;
  dongId: number | null;
  address: string | null;
  representative: string | null;
  businessTypeId: number | null;
  note: string | null;
  /** consent date (접수일) or null = import time */
  at: string | null;
}

export interface Normalised {
  n: number;
  cells: CellValue[];
  rec: NormalRecord;
  consents: { fieldId: number; channel: Channel }[];
  problems: ImportProblem[];
}

const SMS_CAPABLE: PhoneKind[] = ['mobile', 'withdrawn-mobile'];
const KEEP_PHONE: PhoneKind[] = ['mobile', 'withdrawn-mobile', 'landline', 'representative'];
const CHANNEL_KO: Record<Channel, string> = { sms: '문자', email: '이메일' };

export interface NormaliserOptions {
  kind: ImportKind;
  mapping: ImportMapping;
  ref: Reference;
  /** a dong user's dong: rows must be of it (blank → it) */
  dongScope: number | null;
  now: Date;
}

/** A row with nothing in it: skipped, and not counted as a row. */
export function isBlankRow(cells: CellValue[]): boolean {
  for (const c of cells) if (cellText(c ?? null) !== '') return false;
  return true;
}

export class RowNormaliser {
  private byTarget = new Map<ImportTarget, ImportColumn[]>();
  private fields: FieldRef[];
  private fieldName = new Map<number, string>();
  private dongs: NameMatcher<{ id: number; name: string }>;
  private types: NameMatcher<{ id: number; name: string }>;
  private thisYear: number;
  private hasFieldColumns: boolean;

  constructor(private o: NormaliserOptions) {
    for (const c of o.mapping.columns) {
      if (c.target === 'ignore') continue;
      this.byTarget.set(c.target, [...(this.byTarget.get(c.target) ?? []), c]);
    }
    this.fields = o.ref.fields.filter((f) => f.audience === o.kind);
    for (const f of o.ref.fields) this.fieldName.set(f.id, f.name);
    this.dongs = new NameMatcher(o.ref.dongs, dongKey);
    this.types = new NameMatcher(o.ref.businessTypes, typeKey);
    this.thisYear = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(o.now),
    );
    this.hasFieldColumns = this.byTarget.has('field') || this.byTarget.has('fieldList');
  }

  fieldLabel(fieldId: number, channel: Channel): string {
    return `${this.fieldName.get(fieldId) ?? fieldId}(${CHANNEL_KO[channel]})`;
  }

  /** null for a blank row (not counted as a row). */
  normalise(raw: RawRow): Normalised | null {
    const cells = raw.cells;
    if (isBlankRow(cells)) return null;
    const problems: ImportProblem[] = [];
    const err = (column: string | null, message: string) =>
      problems.push({ level: 'error', column, message });
    const warn = (column: string | null, message: string) =>
      problems.push({ level: 'warning', column, message });
    const cell = (c: ImportColumn): CellValue => cells[c.column] ?? null;
    /** first non-blank cell of a target, with its column */
    const first = (t: ImportTarget): [CellValue, ImportColumn] | null => {
      for (const c of this.byTarget.get(t) ?? []) {
        const v = cell(c);
        if (cellText(v) !== '') return [v, c];
      }
      return null;
    };
    const text = (t: ImportTarget, max = 200): string | null => {
      const f = first(t);
      return f ? cellText(f[0]).replace(/\s+/g, ' ').slice(0, max) : null;
    };

    const rec: NormalRecord = {
      name: text('name', 100),
      mobile: null,
      phoneKind: null,
      email: null,
      birthYear: null,
      gender: null,
      dongId: null,
      address: text('address', 300),
      representative: text('representative', 100),
      businessTypeId: null,
      note: text('note', 500),
      at: null,
    };
    const nameHeader = this.byTarget.get('name')?.[0]?.header ?? null;
    if (!rec.name)
      err(nameHeader, this.o.kind === 'business' ? '상호(업체명)가 없습니다.' : '이름이 없습니다.');

    // Contacts
    let phoneProblem: string | null = null;
    const ph = first('mobile');
    if (ph) {
      const raw = cellText(ph[0]);
      const p = normalizePhone(raw);
      if (KEEP_PHONE.includes(p.kind)) {
        rec.mobile = p.digits;
        rec.phoneKind = p.kind;
        if (p.kind === 'withdrawn-mobile')
          warn(
            ph[1].header,
            `사용이 끝난 휴대전화 번호입니다(${formatPhone(p.digits)}: 011·016·017·018·019). 새 번호를 확인하세요.`,
          );
        else if (p.kind !== 'mobile')
          phoneProblem = `휴대전화가 아니라 문자를 받을 수 없는 번호입니다(${formatPhone(p.digits)}).`;
      } else phoneProblem = `휴대전화 번호 형식이 올바르지 않습니다(${raw}).`;
    }
    let emailProblem: string | null = null;
    const em = first('email');
    if (em) {
      const e = normalizeEmail(cellText(em[0]));
      if (e.valid) {
        rec.email = e.value;
        if (e.suggestion)
          warn(em[1].header, `이메일 주소의 도메인이 오타로 보입니다: ${e.value} → ${e.suggestion}?`);
      } else emailProblem = `이메일 주소 형식이 올바르지 않습니다(${e.value}).`;
    }
    const smsOk = rec.phoneKind !== null && SMS_CAPABLE.includes(rec.phoneKind);
    const emailOk = rec.email !== null;
    if (!smsOk && !emailOk) {
      const why = [phoneProblem, emailProblem].filter(Boolean).join(' ');
      err(null, why ? `쓸 수 있는 연락처가 없습니다: ${why}` : '휴대전화와 이메일이 모두 비어 있습니다.');
    } else {
      if (phoneProblem) warn(ph?.[1].header ?? null, phoneProblem);
      if (emailProblem) warn(em?.[1].header ?? null, emailProblem);
    }

    // Person
    const b = first('birth');
    if (b) {
      const y = parseBirthYear(b[0], this.thisYear);
      if (y === undefined)
        warn(b[1].header, `생년월일을 읽을 수 없습니다(${cellText(b[0])}). 비워 두었습니다.`);
      else rec.birthYear = y;
    }
    const g = first('gender');
    if (g) {
      const v = parseGender(g[0]);
      if (v === undefined) warn(g[1].header, `성별을 읽을 수 없습니다(${cellText(g[0])}). 비워 두었습니다.`);
      else rec.gender = v;
    }
    const ap = first('appliedAt');
    if (ap) {
      const at = parseDateCell(ap[0], this.o.now);
      if (at === undefined)
        warn(ap[1].header, `접수일을 읽을 수 없습니다(${cellText(ap[0])}). 가져온 시각으로 기록합니다.`);
      else rec.at = at;
    }
    const bt = first('businessType');
    if (bt) {
      const t = this.types.find(cellText(bt[0]));
      if (t) rec.businessTypeId = t.id;
      else warn(bt[1].header, `업종 목록에 없는 업종입니다(${cellText(bt[0])}). 비워 두었습니다.`);
    }

    // Dong (a dong user's import is confined to the user's dong)
    const d = first('dong');
    const dongHeader = this.byTarget.get('dong')?.[0]?.header ?? null;
    const dong = d ? this.dongs.find(cellText(d[0])) : null;
    if (d && !dong && this.o.dongScope === null)
      warn(d[1].header, `행정동 목록에 없는 동입니다(${cellText(d[0])}). 비워 두었습니다.`);
    rec.dongId = dong?.id ?? null;
    if (this.o.dongScope !== null) {
      if (!d) rec.dongId = this.o.dongScope;
      else if (rec.dongId !== this.o.dongScope)
        err(
          dongHeader,
          `다른 동의 자료입니다(${cellText(d[0])}). 우리 동 주민센터 자료만 가져올 수 있습니다.`,
        );
    }

    // Consents: which fields, on which channels
    const requested: { fieldId: number; channel: ImportColumn['channel'] }[] = [];
    for (const c of this.byTarget.get('field') ?? []) {
      if (c.fieldId === null) continue;
      const m = parseMark(cell(c));
      if (m === null)
        err(
          c.header,
          `‘${c.header}’ 칸의 값(${cellText(cell(c))})을 읽을 수 없습니다. O/X, Y/N, 예/아니오로 적어 주세요.`,
        );
      else if (m) requested.push({ fieldId: c.fieldId, channel: c.channel });
    }
    for (const c of this.byTarget.get('fieldList') ?? []) {
      for (const name of splitList(cell(c))) {
        const f = matchField(name, this.fields);
        // '문화공연·건강정보': split on '·' only when the whole is not itself a field name
        const parts = f ? [f] : name.split(/[·ㆍ]/).map((x) => matchField(x, this.fields));
        if (parts.length > 0 && parts.every((x) => x !== null))
          for (const x of parts) requested.push({ fieldId: x!.id, channel: c.channel });
        else warn(c.header, `분야 목록에 없는 분야입니다(${name}).`);
      }
    }
    if (!this.hasFieldColumns)
      for (const id of this.o.mapping.defaultFieldIds) requested.push({ fieldId: id, channel: 'default' });

    const rowChannels = this.rowChannels(cells, smsOk, emailOk);
    const consents: { fieldId: number; channel: Channel }[] = [];
    const seen = new Set<string>();
    const missing = new Set<Channel>();
    for (const r of requested) {
      const chans: Channel[] =
        r.channel === 'default' ? rowChannels : r.channel === 'both' ? ['sms', 'email'] : [r.channel];
      for (const ch of chans) {
        if ((ch === 'sms' && !smsOk) || (ch === 'email' && !emailOk)) {
          if (r.channel !== 'default' || this.o.mapping.defaultChannel !== 'auto') missing.add(ch);
          continue;
        }
        const k = `${r.fieldId}:${ch}`;
        if (seen.has(k)) continue;
        seen.add(k);
        consents.push({ fieldId: r.fieldId, channel: ch });
      }
    }
    if (problems.every((p) => p.level !== 'error')) {
      for (const ch of missing)
        warn(
          null,
          ch === 'sms'
            ? '문자 수신을 신청했지만 휴대전화 번호가 없어 문자는 등록하지 않았습니다.'
            : '이메일 수신을 신청했지만 이메일 주소가 없어 이메일은 등록하지 않았습니다.',
        );
      if (consents.length === 0) warn(null, '신청한 수신 분야가 없습니다. 구독자로만 등록합니다.');
    }
    return { n: raw.n, cells, rec, consents, problems };
  }

  /** Channels for consents whose column does not say: 수신 방법 columns, else the mapping's default. */
  private rowChannels(cells: CellValue[], smsOk: boolean, emailOk: boolean): Channel[] {
    const set = new Set<Channel>();
    let said = false;
    for (const c of this.byTarget.get('channels') ?? []) {
      for (const w of splitList(cells[c.column] ?? null)) {
        const ch = parseChannelWord(w);
        if (!ch) continue;
        said = true;
        if (ch === 'both') {
          set.add('sms');
          set.add('email');
        } else set.add(ch);
      }
    }
    for (const c of this.byTarget.get('channelOptIn') ?? []) {
      if (c.channel !== 'sms' && c.channel !== 'email') continue;
      const m = parseMark(cells[c.column] ?? null);
      said = true;
      if (m) set.add(c.channel);
    }
    if (said) return [...set];
    switch (this.o.mapping.defaultChannel) {
      case 'sms':
        return ['sms'];
      case 'email':
        return ['email'];
      case 'both':
        return ['sms', 'email'];
      default:
        return [...(smsOk ? (['sms'] as const) : []), ...(emailOk ? (['email'] as const) : [])];
    }
  }
}
