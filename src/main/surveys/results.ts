// The funnel (invited → delivered → opened → started → completed) and the answers per question,
// aggregated in one pass over the stored responses (JSON per response).
import type {
  FunnelCounts,
  Question,
  QuestionResult,
  ResultFilters,
  SurveyResults,
} from '../../shared/contract/surveys';
import { allQuestions, OTHER, otherKey } from '../../shared/contract/surveys';
import { AppError } from '../../shared/errors';
import { AGE_BAND_LABELS, AGE_BANDS, type AgeBand } from '../../shared/text/dates';
import type { SurveysModule } from './module';

interface Flags {
  dongId: number | null;
  ageBand: string | null;
  visited: number;
  started: number;
  completed: number;
  via: string | null;
  ei: number;
  si: number;
  ed: number;
  sd: number;
  opened: number;
}

const zero = (): Omit<FunnelCounts, 'responseRate'> => ({
  invited: 0,
  delivered: 0,
  opened: 0,
  started: 0,
  completed: 0,
});
const rate = (c: Omit<FunnelCounts, 'responseRate'>): FunnelCounts => ({
  ...c,
  responseRate: c.invited ? Math.round((c.completed / c.invited) * 1000) / 1000 : 0,
});
const pct = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);
const mean = (sum: number, n: number) => (n ? Math.round((sum / n) * 100) / 100 : null);

export const GENDER_LABELS: Record<string, string> = { M: '남', F: '여' };

export interface ResponseRow {
  via: string;
  dongId: number | null;
  ageBand: string | null;
  gender: string | null;
  answers: string;
}

export interface ParsedResponse {
  via: string;
  dongId: number | null;
  ageBand: string | null;
  gender: string | null;
  a: Record<string, unknown>;
}

/** Whether a respondent (or participant) passes the dong, age band and gender filters. */
export function groupFilter(
  f: ResultFilters | undefined,
): (r: { dongId: number | null; ageBand: string | null; gender: string | null }) => boolean {
  const dongs = f?.dongIds?.length ? new Set(f.dongIds) : null;
  const bands = f?.ageBands?.length ? new Set<string>(f.ageBands) : null;
  const genders = f?.genders?.length ? new Set<string>(f.genders) : null;
  if (!dongs && !bands && !genders) return () => true;
  return (r) =>
    (!dongs || (r.dongId !== null && dongs.has(r.dongId))) &&
    (!bands || (r.ageBand !== null && bands.has(r.ageBand))) &&
    (!genders || (r.gender !== null && genders.has(r.gender)));
}

/** Any filter given (the screen and the print say so). */
export function hasFilters(f: ResultFilters | undefined): boolean {
  return !!(
    f &&
    (f.dongIds?.length || f.ageBands?.length || f.genders?.length || f.via?.length || f.includePartial)
  );
}

export class SurveyResultsService {
  constructor(private m: SurveysModule) {}

  private get sqlite() {
    return this.m.core.sqlite;
  }

  funnel(id: string, filters?: ResultFilters): SurveyResults['funnel'] {
    // outbox flags per person in one grouped pass over the survey's campaigns, then the participants
    const sent = new Map<string, { ei: number; si: number; ed: number; sd: number; opened: number }>();
    for (const r of this.sqlite
      .prepare(
        `SELECT o.subscriber_id AS sid, max(o.channel = 'email') AS ei, max(o.channel = 'sms') AS si,
           max(o.channel = 'email' AND o.status IN ('accepted', 'delivered')) AS ed,
           max(o.channel = 'sms' AND o.status = 'delivered') AS sd, max(o.opened_at IS NOT NULL) AS opened
         FROM survey_campaigns sc JOIN outbox o ON o.campaign_id = sc.campaign_id
         WHERE sc.survey_id = ? AND o.is_test = 0 AND o.subscriber_id IS NOT NULL GROUP BY o.subscriber_id`,
      )
      .all(id) as { sid: string; ei: number; si: number; ed: number; sd: number; opened: number }[])
      sent.set(r.sid, r);
    const none = { ei: 0, si: 0, ed: 0, sd: 0, opened: 0 };
    const rows = this.sqlite
      .prepare(
        `SELECT subscriber_id AS sid, dong_id AS dongId, age_band AS ageBand, gender, visited_at IS NOT NULL AS visited,
           started_at IS NOT NULL AS started, completed_at IS NOT NULL AS completed, completed_via AS via
         FROM survey_participants WHERE survey_id = ?`,
      )
      .all(id) as (Omit<Flags, 'ei' | 'si' | 'ed' | 'sd' | 'opened'> & {
      sid: string | null;
      gender: string | null;
    })[];
    const pass = groupFilter(filters);
    const total = zero();
    const ch = { email: zero(), sms: zero() };
    const byDong = new Map<number, ReturnType<typeof zero>>();
    const byBand = new Map<string, ReturnType<typeof zero>>();
    const entered = { paper: 0, phone: 0 };
    for (const r of rows) {
      if (!pass(r)) continue;
      const o = (r.sid && sent.get(r.sid)) || none;
      const invited = o.ei || o.si;
      if (!invited) {
        if (r.completed && (r.via === 'paper' || r.via === 'phone')) entered[r.via]++;
        continue;
      }
      // each later stage implies the earlier ones: a completed answer was opened and started
      const opened = o.opened || r.visited || r.started || r.completed;
      const delivered = o.ed || o.sd || opened;
      const add = (c: ReturnType<typeof zero>, dl: number | boolean, op: number | boolean) => {
        c.invited++;
        if (dl) c.delivered++;
        if (op) c.opened++;
        if (r.started || r.completed) c.started++;
        if (r.completed) c.completed++;
      };
      add(total, delivered, opened);
      if (o.ei) add(ch.email, o.ed || o.opened || r.completed, o.opened || r.visited || r.completed);
      if (o.si) add(ch.sms, o.sd || r.visited || r.completed, r.visited || r.started || r.completed);
      const d = r.dongId ?? 0;
      if (!byDong.has(d)) byDong.set(d, zero());
      add(byDong.get(d)!, delivered, opened);
      const b = r.ageBand ?? '?';
      if (!byBand.has(b)) byBand.set(b, zero());
      add(byBand.get(b)!, delivered, opened);
    }
    const dongs = this.m.core.reference.list().dongs;
    return {
      total: rate(total),
      byChannel: [
        { channel: 'email', label: '이메일', ...rate(ch.email) },
        { channel: 'sms', label: '문자', ...rate(ch.sms) },
      ],
      byDong: [...byDong.entries()]
        .map(([k, c]) => {
          const dong = dongs.find((x) => x.id === k);
          return {
            key: String(k),
            label: dong?.name ?? '동 모름',
            order: dong?.sortOrder ?? 9999,
            ...rate(c),
          };
        })
        .sort((a, b) => a.order - b.order)
        .map(({ order: _o, ...rest }) => rest),
      byAgeBand: [...byBand.entries()]
        .sort((a, b) => AGE_BANDS.indexOf(a[0] as AgeBand) - AGE_BANDS.indexOf(b[0] as AgeBand))
        .map(([k, c]) => ({ key: k, label: AGE_BAND_LABELS[k as AgeBand] ?? '나이 모름', ...rate(c) })),
      entered,
    };
  }

  private cache = new Map<string, { fp: string; rows: ParsedResponse[] }>();

  /** The survey's responses, parsed; kept while no response is added (crosstabs reuse them). */
  responses(id: string): ParsedResponse[] {
    const f = this.sqlite
      .prepare('SELECT count(*) AS n, total(id) AS s FROM survey_responses WHERE survey_id = ?')
      .get(id) as { n: number; s: number };
    const fp = `${f.n}:${f.s}`;
    const hit = this.cache.get(id);
    if (hit?.fp === fp) return hit.rows;
    const rows = (
      this.sqlite
        .prepare(
          `SELECT via, dong_id AS dongId, age_band AS ageBand, gender, answers FROM survey_responses WHERE survey_id = ?`,
        )
        .all(id) as ResponseRow[]
    ).map((r) => ({
      via: r.via,
      dongId: r.dongId,
      ageBand: r.ageBand,
      gender: r.gender,
      a: JSON.parse(r.answers) as Record<string, unknown>,
    }));
    if (this.cache.size >= 4) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, { fp, rows });
    return rows;
  }

  /** Per question: counts and percentages, scale and number means, matrix tables, texts. */
  aggregate(questions: Question[], parsed: Record<string, unknown>[]): QuestionResult[] {
    return questions.map((q) => {
      const base = { id: q.id, type: q.type, title: q.title };
      let answered = 0;
      switch (q.type) {
        case 'single':
        case 'multiple': {
          const labels = [...(q.options ?? []), ...(q.other ? [OTHER] : [])];
          const index = new Map<unknown, number>(labels.map((l, i) => [l, i]));
          const counts = new Array<number>(labels.length).fill(0);
          const others: string[] = [];
          const ok = otherKey(q.id);
          for (const a of parsed) {
            const v = a[q.id];
            if (v === undefined) continue;
            answered++;
            if (Array.isArray(v)) {
              for (const x of v) {
                const i = index.get(x);
                if (i !== undefined) counts[i]++;
              }
            } else {
              const i = index.get(v);
              if (i !== undefined) counts[i]++;
            }
            if (q.other) {
              const o = a[ok];
              if (typeof o === 'string') others.push(o);
            }
          }
          return {
            ...base,
            answered,
            options: labels.map((l, i) => ({
              label: l === OTHER ? '기타' : l,
              count: counts[i],
              percent: pct(counts[i], answered),
            })),
            otherTexts: q.other ? others : undefined,
          };
        }
        case 'scale5': {
          const c = [0, 0, 0, 0, 0];
          let sum = 0;
          for (const a of parsed) {
            const v = a[q.id];
            if (typeof v !== 'number') continue;
            answered++;
            c[v - 1]++;
            sum += v;
          }
          return {
            ...base,
            answered,
            options: c.map((n, i) => ({ label: String(i + 1), count: n, percent: pct(n, answered) })),
            mean: mean(sum, answered),
          };
        }
        case 'matrix': {
          const rows = (q.rows ?? []).map((label) => ({ label, c: [0, 0, 0, 0, 0], sum: 0, n: 0 }));
          for (const a of parsed) {
            const v = a[q.id] as Record<string, number> | undefined;
            if (!v || typeof v !== 'object') continue;
            answered++;
            for (const r of rows) {
              const x = v[r.label];
              if (typeof x !== 'number') continue;
              r.c[x - 1]++;
              r.sum += x;
              r.n++;
            }
          }
          return {
            ...base,
            answered,
            rows: rows.map((r) => ({
              label: r.label,
              counts: r.c.map((n, i) => ({ label: String(i + 1), count: n, percent: pct(n, r.n) })),
              mean: mean(r.sum, r.n),
            })),
          };
        }
        case 'number': {
          let sum = 0;
          let min: number | null = null;
          let max: number | null = null;
          for (const a of parsed) {
            const v = a[q.id];
            if (typeof v !== 'number') continue;
            answered++;
            sum += v;
            min = min === null ? v : Math.min(min, v);
            max = max === null ? v : Math.max(max, v);
          }
          return { ...base, answered, mean: mean(sum, answered), min, max };
        }
        default: {
          const texts: string[] = [];
          for (const a of parsed) {
            const v = a[q.id];
            if (typeof v === 'string' && v) texts.push(v);
          }
          return { ...base, answered: texts.length, texts };
        }
      }
    });
  }

  /** In-progress answers (participants who saved a page but have not submitted), parsed. */
  partial(id: string): ParsedResponse[] {
    return (
      this.sqlite
        .prepare(
          `SELECT dong_id AS dongId, age_band AS ageBand, gender, progress FROM survey_participants
           WHERE survey_id = ? AND completed_at IS NULL AND progress IS NOT NULL`,
        )
        .all(id) as {
        dongId: number | null;
        ageBand: string | null;
        gender: string | null;
        progress: string;
      }[]
    ).map((r) => ({
      via: 'web',
      dongId: r.dongId,
      ageBand: r.ageBand,
      gender: r.gender,
      a: ((JSON.parse(r.progress) as { answers?: Record<string, unknown> }).answers ?? {}) as Record<
        string,
        unknown
      >,
    }));
  }

  /** The responses the filters keep (completed, plus in-progress ones when asked). */
  filtered(id: string, f?: ResultFilters): ParsedResponse[] {
    const all = f?.includePartial ? [...this.responses(id), ...this.partial(id)] : this.responses(id);
    if (!hasFilters(f)) return all;
    const pass = groupFilter(f);
    const via = f?.via?.length ? new Set<string>(f.via) : null;
    return all.filter((r) => (!via || via.has(r.via)) && pass(r));
  }

  results(id: string, filters?: ResultFilters): SurveyResults {
    const t0 = performance.now();
    const p = this.m.store.parsed(id);
    if (!p) throw new AppError('NOT_FOUND', '설문을 찾을 수 없습니다.');
    const rows = this.filtered(id, filters);
    const questions = this.aggregate(
      allQuestions(p.def),
      rows.map((r) => r.a),
    );
    return {
      surveyId: id,
      title: p.rec.title,
      anonymous: !!p.rec.anonymous,
      responses: rows.length,
      funnel: this.funnel(id, filters),
      questions,
      tookMs: Math.round((performance.now() - t0) * 10) / 10,
    };
  }

  /** A question's answers by dong, age band or gender: counts per option (or the mean). */
  crosstab(id: string, questionId: string, by: 'dong' | 'ageBand' | 'gender', filters?: ResultFilters) {
    const p = this.m.store.parsed(id);
    if (!p) throw new AppError('NOT_FOUND', '설문을 찾을 수 없습니다.');
    const q = allQuestions(p.def).find((x) => x.id === questionId);
    if (!q) throw new AppError('NOT_FOUND', '문항을 찾을 수 없습니다.');
    if (q.type === 'short' || q.type === 'long' || q.type === 'matrix')
      throw new AppError('VALIDATION', '고르기·척도·숫자 문항만 교차표를 만들 수 있습니다.');
    const columns =
      q.type === 'scale5'
        ? ['1', '2', '3', '4', '5']
        : q.type === 'number'
          ? []
          : [...(q.options ?? []), ...(q.other ? ['기타'] : [])];
    const keys =
      q.type === 'single' || q.type === 'multiple'
        ? [...(q.options ?? []), ...(q.other ? [OTHER] : [])]
        : columns;
    const groups = new Map<string, { n: number; counts: number[]; sum: number; k: number }>();
    for (const r of this.filtered(id, filters)) {
      const v = r.a[q.id];
      if (v === undefined) continue;
      const g =
        by === 'dong' ? String(r.dongId ?? 0) : by === 'ageBand' ? (r.ageBand ?? '?') : (r.gender ?? '?');
      let e = groups.get(g);
      if (!e) {
        e = { n: 0, counts: keys.map(() => 0), sum: 0, k: 0 };
        groups.set(g, e);
      }
      e.n++;
      for (const x of Array.isArray(v) ? v : [v]) {
        const i = keys.indexOf(String(x));
        if (i >= 0) e.counts[i]++;
        if (typeof x === 'number') {
          e.sum += x;
          e.k++;
        }
      }
    }
    const dongs = this.m.core.reference.list().dongs;
    const label = (k: string) =>
      by === 'dong'
        ? (dongs.find((d) => String(d.id) === k)?.name ?? '동 모름')
        : by === 'ageBand'
          ? (AGE_BAND_LABELS[k as AgeBand] ?? '나이 모름')
          : (GENDER_LABELS[k] ?? '성별 모름');
    const order = (k: string) =>
      by === 'dong'
        ? (dongs.find((d) => String(d.id) === k)?.sortOrder ?? 9999)
        : by === 'ageBand'
          ? AGE_BANDS.indexOf(k as AgeBand) >>> 0
          : ['M', 'F'].indexOf(k) >>> 0;
    return {
      questionId,
      by,
      columns,
      rows: [...groups.entries()]
        .sort((a, b) => order(a[0]) - order(b[0]))
        .map(([k, e]) => ({ key: k, label: label(k), n: e.n, counts: e.counts, mean: mean(e.sum, e.k) })),
    };
  }
}
