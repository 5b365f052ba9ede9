// Other wards' SNS table (the seed's attachment 3: one row per ward, a column per channel) and this
// ward against it: the average and the rank per metric.
//
// The average is taken over EVERY ward in the table, a ward that does not run the channel ('-')
// counting 0: that is how the seed's 평균 row is made (트위터 309,979 / 25 = 12,399; 페이스북
// 37,113 / 25 = 1,485). Its 블로그 figure 448,241 matches no definition (our sum / 25 = 434,782,
// over the 21 wards running a blog 517,598), so the import reports that column's check as failed.
// The average over running wards only is given beside it.
import {
  SNS_KIND_VALUES,
  type SnsKind,
  type SnsPeerComparison,
  type SnsPeerMetric,
  type SnsPeersImportResult,
} from '../../shared/contract/sns';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import type { CellValue } from '../subscribers/import/values';
import type { SnsRow } from './files';
import { guessKind, norm, parseCount, snsOf } from './service';

/** The figure the wards compare per kind: a blog's visitors, otherwise followers/friends. */
export const headline = (kind: SnsKind): 'visitors' | 'followers' =>
  kind === 'blog' ? 'visitors' : 'followers';

export const METRIC_LABELS: Record<SnsKind, string> = {
  twitter: '트위터 팔로워',
  facebook: '페이스북 좋아요',
  blog: '블로그 방문자',
  instagram: '인스타그램 팔로워',
  youtube: '유튜브 구독자',
  kakao: '카카오톡 채널 친구',
  other: '기타',
};

const WARD_HEADER = /^(구|구명|구청|구청명|자치구|자치구명|ward)$/i;
const AVERAGE_ROW = /^(평균|합계|계|average|total)$/i;

/** '2015-02' from a title cell like “(2015. 2월 말 기준)”. */
function monthIn(v: CellValue): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 7);
  const m = /(\d{4})\s*[-./년]\s*(\d{1,2})\s*월?/.exec(String(v ?? ''));
  if (!m || +m[2] < 1 || +m[2] > 12) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}`;
}

/** Reads the table and replaces what was stored for its month. */
export function importPeers(core: Core, rows: SnsRow[], asOfGiven?: string): SnsPeersImportResult {
  const headerIdx = rows.findIndex((r) => r.cells.some((c) => WARD_HEADER.test(norm(c))));
  if (headerIdx < 0)
    throw new AppError(
      'VALIDATION',
      '머리글 줄(구 명, 트위터 팔로워, 페이스북 좋아요, 블로그 방문자수)을 찾을 수 없습니다.',
    );
  const asOf =
    asOfGiven ??
    rows
      .slice(0, headerIdx)
      .flatMap((r) => r.cells.map(monthIn))
      .find((m) => m !== null);
  if (!asOf)
    throw new AppError(
      'VALIDATION',
      '기준 월을 알 수 없습니다. 표 위에 “(2015. 2월 말 기준)”처럼 적거나 기준 월을 입력하세요.',
    );
  const head = rows[headerIdx].cells.map((c) => String(c ?? '').trim());
  const wardCol = head.findIndex((h) => WARD_HEADER.test(norm(h)));
  const seen = new Set<SnsKind>();
  const kindCols: { i: number; kind: SnsKind; label: string }[] = [];
  for (const [i, h] of head.entries()) {
    const kind = guessKind(h);
    // 'SNS 운영현황' lists names, not figures: it guesses 'other' and is left out
    if (i === wardCol || kind === 'other' || seen.has(kind)) continue;
    seen.add(kind);
    kindCols.push({ i, kind, label: h });
  }
  if (!kindCols.length)
    throw new AppError('VALIDATION', '트위터·페이스북·블로그 같은 채널 열을 찾을 수 없습니다.');

  const problems: SnsPeersImportResult['problems'] = [];
  const values: { ward: string; kind: SnsKind; value: number }[] = [];
  const wards = new Set<string>();
  let averageRow: SnsRow | null = null;
  let n = 0;
  for (const r of rows.slice(headerIdx + 1)) {
    if (r.cells.every((c) => c === null || String(c).trim() === '')) continue;
    if (r.cells.some((c) => AVERAGE_ROW.test(norm(c)))) {
      averageRow = r;
      continue;
    }
    n++;
    const ward = String(r.cells[wardCol] ?? '').trim();
    if (!ward) {
      problems.push({ row: r.n, message: '구 이름이 비어 있습니다.' });
      continue;
    }
    if (wards.has(ward)) {
      problems.push({ row: r.n, message: `같은 구가 두 번 나옵니다: ${ward}` });
      continue;
    }
    const got: typeof values = [];
    const bad: string[] = [];
    for (const k of kindCols) {
      const v = parseCount(r.cells[k.i] ?? null);
      if (v === 'bad') bad.push(`${k.label} 값이 숫자가 아닙니다: ${r.cells[k.i]}`);
      else if (v !== null) got.push({ ward, kind: k.kind, value: v });
    }
    if (bad.length) {
      problems.push({ row: r.n, message: bad.join(' / ') });
      continue;
    }
    wards.add(ward);
    values.push(...got);
  }
  const checks = kindCols.map((k) => {
    const fileAverage = averageRow ? parseCount(averageRow.cells[k.i] ?? null) : null;
    const sum = values.filter((v) => v.kind === k.kind).reduce((a, v) => a + v.value, 0);
    const computed = wards.size ? Math.round(sum / wards.size) : null;
    const fa = typeof fileAverage === 'number' ? fileAverage : null;
    return {
      label: k.label,
      kind: k.kind,
      fileAverage: fa,
      computed,
      matches: fa === null || computed === null ? null : fa === computed,
    };
  });
  if (wards.size > 0) {
    const now = core.clock.now().toISOString();
    const st = core.sqlite.prepare(
      'INSERT INTO sns_peer_figures (as_of, ward, kind, value, imported_at) VALUES (?, ?, ?, ?, ?)',
    );
    core.sqlite.transaction(() => {
      // a corrected table replaces the month's figures, including a channel a ward has since closed
      core.sqlite.prepare('DELETE FROM sns_peer_figures WHERE as_of = ?').run(asOf);
      for (const v of values) st.run(asOf, v.ward, v.kind, v.value, now);
    })();
  }
  return { rows: n, imported: wards.size, problems, asOf, wards: wards.size, checks };
}

const same = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** This ward (settings.wardName) against the table of `asOf` (the latest when not given). */
export function comparePeers(core: Core, asOfGiven?: string): SnsPeerComparison {
  const ward = core.settings.get().wardName;
  const asOf =
    asOfGiven ??
    (core.sqlite.prepare('SELECT max(as_of) FROM sns_peer_figures').pluck().get() as string | null);
  if (!asOf) return { asOf: null, ward, wardInTable: false, metrics: [] };
  const rows = core.sqlite
    .prepare('SELECT ward, kind, value FROM sns_peer_figures WHERE as_of = ? ORDER BY ward')
    .all(asOf) as { ward: string; kind: SnsKind; value: number }[];
  const wards = [...new Set(rows.map((r) => r.ward))];
  const wardInTable = wards.some((w) => same(w, ward));
  // not in the table: this ward's own figures for that month (or the latest before it) stand in
  const sns = snsOf(core);
  const channels = sns.list(true);
  const own = (kind: SnsKind): number | null => {
    const ch = channels.find((c) => c.kind === kind);
    if (!ch) return null;
    const f = sns
      .figures({ channelId: ch.id, to: asOf })
      .reverse()
      .find((x) => x[headline(kind)] !== null);
    return f ? (f[headline(kind)] as number) : null;
  };
  const metrics: SnsPeerMetric[] = SNS_KIND_VALUES.filter((k) => rows.some((r) => r.kind === k)).map(
    (kind) => {
      const values = rows.filter((r) => r.kind === kind).map((r) => ({ ward: r.ward, value: r.value }));
      let wardCount = wards.length;
      let mine = values.find((v) => same(v.ward, ward))?.value ?? null;
      if (!wardInTable) {
        mine = own(kind);
        wardCount++;
        if (mine !== null) values.push({ ward, value: mine });
      }
      values.sort((a, b) => b.value - a.value || a.ward.localeCompare(b.ward, 'ko'));
      const sum = values.reduce((a, v) => a + v.value, 0);
      return {
        kind,
        label: METRIC_LABELS[kind],
        mine,
        average: wardCount ? sum / wardCount : null,
        runningAverage: values.length ? sum / values.length : null,
        rank: mine === null ? null : values.filter((v) => v.value > mine).length + 1,
        wards: wardCount,
        running: values.length,
        values,
      };
    },
  );
  return { asOf, ward, wardInTable, metrics };
}
