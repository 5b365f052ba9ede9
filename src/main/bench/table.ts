/** One row of `npm run bench`: a measurement, the bare baseline measured in the same run, and the goal. */
export interface BenchRow {
  issue: string;
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** goal as text, e.g. '< 500 ms' or '≤ 1.5×' */
  goal: string;
  pass: boolean;
  /** a reading shown for context, not held to a goal (the result column says 참고) */
  info?: boolean;
}

export function ratio(row: BenchRow): string {
  if (!row.baseline || row.baseline.value === 0) return '-';
  return `${(row.value / row.baseline.value).toFixed(2)}×`;
}

function fmt(v: number): string {
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function width(s: string): number {
  // Hangul and other wide characters take two terminal columns.
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

export function renderTable(rows: BenchRow[]): string {
  const head = ['이슈', '항목', '측정값', '기준(같은 실행)', '배율', '목표', '결과'];
  const body = rows.map((r) => [
    r.issue,
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline.name} ${fmt(r.baseline.value)} ${r.unit}` : '-',
    ratio(r),
    r.goal,
    r.info ? '참고' : r.pass ? '통과' : '미달',
  ]);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]))));
  const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

export function median(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}
