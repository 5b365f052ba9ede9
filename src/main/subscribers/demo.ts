import { AGE_BANDS } from '../../shared/text/dates';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import type { ConsentEventInput, NewSubscriber } from './repository';
import {
  AGE_BAND_COUNTS_2015,
  APARTMENTS,
  BUSINESS_FIELD_SHARE,
  BUSINESS_STEMS,
  BUSINESS_SUFFIX,
  BUSINESS_SUFFIX_DEFAULT,
  BUSINESS_TYPE_COUNTS_2015,
  FIELD_COUNTS_2015,
  GIVEN_NAMES,
  INDIVIDUALS_2015,
  SURNAMES,
} from './demoData';
import { seoulYear } from './time';

export interface DemoOptions {
  individuals: number;
  businesses: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  individuals: number;
  businesses: number;
  consentEvents: number;
  forms: number;
  seconds: number;
}

/** mulberry32: small, fast and the same on every machine, so a seed always gives the same registry. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A v4-shaped UUID from the seeded generator; with `counter`, ids ascend so index inserts are appends. */
function seededUuid(rnd: () => number, counter?: number): string {
  const w = (i: number) =>
    i === 0 && counter !== undefined ? counter >>> 0 : Math.floor(rnd() * 0x100000000);
  const h = [w(0), w(1), w(2), w(3)].map((x) => x.toString(16).padStart(8, '0')).join('');
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

function weighted<T>(rnd: () => number, items: T[], weights: number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rnd() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

// Sign-ups ran from the service's start to the plan's date (docs/domain.md).
const FIRST_DAY = Date.UTC(2012, 8, 7);
const LAST_DAY = Date.UTC(2015, 2, 31);
const DAY = 86_400_000;

/** A weekday between 2012-09-07 and 2015-03-31, office hours in Seoul, as an ISO instant. */
function signedAt(rnd: () => number): string {
  for (;;) {
    const day = FIRST_DAY + Math.floor(rnd() * ((LAST_DAY - FIRST_DAY) / DAY + 1)) * DAY;
    const wd = new Date(day).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const seconds = 9 * 3600 + Math.floor(rnd() * 9 * 3600); // 09:00–18:00 KST
    return new Date(day + seconds * 1000 - 9 * 3_600_000).toISOString();
  }
}

interface Draft {
  sub: NewSubscriber & { id: string };
  fieldIds: number[];
  sms: boolean;
  email: boolean;
  emailShare: number;
  at: string;
  stationId: string;
  stationCode: string;
  formRef?: string;
}

/**
 * Fills an empty registry with realistic but fictitious people and businesses: proportions from the
 * March-2015 tables, phones only in the unassigned 010-0xxx-xxxx block, e-mail only at example.com/.kr.
 * Same seed → same people, contacts, consents and form numbers.
 */
export function generateDemo(core: Core, opts: DemoOptions): DemoResult {
  const t0 = Date.now();
  const repo = core.subscriberRepo;
  const existing = (core.sqlite.prepare('SELECT count(*) AS n FROM subscribers').get() as { n: number }).n;
  if (existing > 0)
    throw new AppError(
      'CONFLICT',
      `이미 구독자 ${existing.toLocaleString('ko-KR')}명이 있습니다. 시연 자료는 빈 데이터베이스에만 만듭니다.`,
    );
  const seed = opts.seed ?? 1;
  const rnd = seededRandom(seed);
  const idRnd = seededRandom(seed ^ 0x5eed);
  const ref = core.reference.list();
  const dongs = ref.dongs.filter((d) => d.active);
  if (dongs.length === 0)
    throw new AppError('VALIDATION', '행정동이 없습니다. 설정에서 행정동을 먼저 등록하세요.');
  const hq = ref.stations.find((s) => s.kind === 'hq' && s.active) ?? ref.stations[0];
  const stationOfDong = new Map(ref.stations.filter((s) => s.kind === 'dong').map((s) => [s.dongId, s]));
  const indFields = ref.fields.filter((f) => f.active && f.audience === 'individual');
  const bizFields = ref.fields.filter((f) => f.active && f.audience === 'business');
  const types = ref.businessTypes.filter((b) => b.active);
  const ward = core.settings.get().wardName;
  const asOf = seoulYear(core.clock.now());
  const dongWeights = dongs.map(() => 0.6 + rnd() * 0.8);
  const surnameWeights = SURNAMES.map((s) => s[1]);
  // Phones and mailboxes come from a bijection of the row number, so they never repeat.
  const numberOffset = Math.floor(rnd() * 10_000_000);
  const contactNo = (i: number) => (i * 7919 + numberOffset) % 10_000_000;

  const dongAndStation = () => {
    const dong = weighted(rnd, dongs, dongWeights);
    const st = rnd() < 0.8 ? (stationOfDong.get(dong.id) ?? hq) : hq;
    return { dong, st };
  };
  const address = (dongName: string) => {
    const lot = `${1 + Math.floor(rnd() * 900)}-${1 + Math.floor(rnd() * 60)}`;
    if (rnd() < 0.55)
      return `${ward} ${dongName} ${lot} ${pick(rnd, APARTMENTS)} ${101 + Math.floor(rnd() * 12)}동 ${1 + Math.floor(rnd() * 20)}0${1 + Math.floor(rnd() * 6)}호`;
    return `${ward} ${dongName} ${lot}`;
  };
  const personName = (sex: 'M' | 'F', birthYear: number) => {
    const s = weighted(rnd, SURNAMES, surnameWeights);
    const given = pick(rnd, birthYear < asOf - 50 ? GIVEN_NAMES[sex].older : GIVEN_NAMES[sex].younger);
    return { name: s[0] + given, roman: s[2] };
  };
  const contacts = (i: number, roman: string, pMobile: number, pEmail: number) => {
    let hasMobile = rnd() < pMobile;
    const hasEmail = rnd() < pEmail;
    if (!hasMobile && !hasEmail) hasMobile = true;
    const n = contactNo(i);
    return {
      mobile: hasMobile ? `0100${String(n).padStart(7, '0')}` : null,
      email: hasEmail ? `${roman}${n.toString(36)}@${rnd() < 0.7 ? 'example.com' : 'example.kr'}` : null,
    };
  };

  const drafts: Draft[] = [];
  const ageBandWeights = AGE_BAND_COUNTS_2015;
  for (let i = 0; i < opts.individuals; i++) {
    const band = weighted(
      rnd,
      AGE_BANDS.map((_, k) => k),
      ageBandWeights,
    );
    const age =
      band === 0
        ? 15 + Math.floor(rnd() * 5)
        : band === 6
          ? 70 + Math.floor(rnd() * rnd() * 25)
          : (band + 1) * 10 + Math.floor(rnd() * 10);
    const birthYear = asOf - age;
    const gender = rnd() < 0.53 ? 'F' : 'M';
    const { name, roman } = personName(gender, birthYear);
    const { dong, st } = dongAndStation();
    const c = contacts(i, roman, 0.93, 0.42);
    let fieldIds = indFields
      .filter((f) => rnd() < (FIELD_COUNTS_2015[f.code] ?? 0.4 * INDIVIDUALS_2015) / INDIVIDUALS_2015)
      .map((f) => f.id);
    if (fieldIds.length === 0 && indFields.length > 0) fieldIds = [pick(rnd, indFields).id];
    drafts.push({
      sub: {
        id: seededUuid(idRnd),
        kind: 'individual',
        name,
        representative: null,
        businessTypeId: null,
        mobile: c.mobile,
        phoneKind: c.mobile ? 'mobile' : null,
        email: c.email,
        birthYear,
        gender,
        dongId: dong.id,
        address: address(dong.name),
        note: null,
        stationId: st.id,
        createdBy: null,
      },
      fieldIds,
      sms: !!c.mobile,
      email: !!c.email,
      emailShare: c.mobile ? 0.8 : 1,
      at: signedAt(rnd),
      stationId: st.id,
      stationCode: st.code,
    });
  }
  const typeWeights = types.map((t) => BUSINESS_TYPE_COUNTS_2015[t.code] ?? 100);
  for (let j = 0; j < opts.businesses; j++) {
    const type = types.length ? weighted(rnd, types, typeWeights) : null;
    const { dong, st } = dongAndStation();
    const rep = personName(rnd() < 0.4 ? 'F' : 'M', asOf - 30 - Math.floor(rnd() * 35));
    const c = contacts(opts.individuals + j, rep.roman, 0.9, 0.5);
    let fieldIds = bizFields.filter((f) => rnd() < (BUSINESS_FIELD_SHARE[f.code] ?? 0.5)).map((f) => f.id);
    if (fieldIds.length === 0 && bizFields.length > 0) fieldIds = [pick(rnd, bizFields).id];
    drafts.push({
      sub: {
        id: seededUuid(idRnd),
        kind: 'business',
        name: `${pick(rnd, BUSINESS_STEMS)}${pick(rnd, (type && BUSINESS_SUFFIX[type.code]) || BUSINESS_SUFFIX_DEFAULT)}`,
        representative: rep.name,
        businessTypeId: type?.id ?? null,
        mobile: c.mobile,
        phoneKind: c.mobile ? 'mobile' : null,
        email: c.email,
        birthYear: null,
        gender: null,
        dongId: dong.id,
        address: address(dong.name),
        note: null,
        stationId: st.id,
        createdBy: null,
      },
      fieldIds,
      sms: !!c.mobile,
      email: !!c.email,
      emailShare: c.mobile ? 0.7 : 1,
      at: signedAt(rnd),
      stationId: st.id,
      stationCode: st.code,
    });
  }

  // Form numbers follow the order the paper came in, per station and year.
  drafts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const seq = new Map<string, number>();
  for (const d of drafts) {
    const year = seoulYear(new Date(d.at));
    const key = `${d.stationId}|${year}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    d.formRef = `${d.stationCode}-${year}-${String(n).padStart(6, '0')}`;
  }

  // Inserting in key order turns the random-UUID index inserts into appends (several times faster).
  drafts.sort((a, b) => (a.sub.id < b.sub.id ? -1 : 1));
  let events = 0;
  let eventNo = 0;
  const db = core.sqlite;
  const cacheBefore = db.pragma('cache_size', { simple: true });
  db.pragma('cache_size = -262144');
  // Every reference is generated from the tables just read; checking each again row by row only costs time.
  db.pragma('foreign_keys = OFF');
  try {
    // One transaction, so a failed run leaves nothing behind; inside it the secondary indexes are
    // dropped and rebuilt at the end — a sorted build is far cheaper than 1.5 M scattered inserts.
    repo.transaction(() => {
      const indexes = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('subscribers', 'consent_events', 'consent_state', 'intake_forms')`,
        )
        .all() as { name: string; sql: string }[];
      for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
      drafts.forEach((d, n) => {
        repo.insert({ ...d.sub, createdAt: d.at });
        const ev: ConsentEventInput[] = [];
        const base = {
          subscriberId: d.sub.id,
          action: 'granted' as const,
          at: d.at,
          source: 'paper' as const,
          formRef: d.formRef,
          stationId: d.stationId,
        };
        for (const fieldId of d.fieldIds) {
          if (d.sms) ev.push({ ...base, fieldId, id: seededUuid(idRnd, eventNo++), channel: 'sms' });
          if (d.email && rnd() < d.emailShare)
            ev.push({ ...base, fieldId, id: seededUuid(idRnd, eventNo++), channel: 'email' });
        }
        events += repo.insertInitialConsent(d.sub, ev);
        repo.recordForm({
          formRef: d.formRef!,
          subscriberId: d.sub.id,
          stationId: d.stationId,
          kind: 'new',
          signedAt: d.at,
          userId: null,
        });
        if ((n + 1) % 5000 === 0) opts.onProgress?.(n + 1, drafts.length);
      });
      for (const i of indexes) db.exec(i.sql);
      for (const [key, n] of seq) {
        const [stationId, year] = key.split('|');
        repo.advanceFormSequence(stationId, Number(year), n);
      }
    });
    opts.onProgress?.(drafts.length, drafts.length);
  } finally {
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = ${Number(cacheBefore)}`);
  }
  db.exec('PRAGMA analysis_limit = 1000; ANALYZE;');
  return {
    individuals: opts.individuals,
    businesses: opts.businesses,
    consentEvents: events,
    forms: drafts.length,
    seconds: (Date.now() - t0) / 1000,
  };
}
