// Charts for print as inline SVG: vector, so crisp at any zoom and in the PDF, and no script has to
// run in the page. The screen draws the same series with chart.js.
import type { ReportChart } from '../../../shared/contract/reports';

export const PALETTE = [
  '#1f5fa8',
  '#e07b24',
  '#2e9a5b',
  '#b8404a',
  '#7b5ea7',
  '#8a6d3b',
  '#3a9fb0',
  '#777777',
];

const W = 680;
const H = 270;
const PAD = { left: 64, right: 16, top: 30, bottom: 70 };

export const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function niceMax(v: number): number {
  if (v <= 4) return 4;
  if (v <= 8) return 8;
  // quarter ticks stay whole numbers: every step below divides by 4 once p >= 10
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const fmt = (v: number, percent?: boolean) =>
  percent
    ? `${v.toLocaleString('ko-KR', { maximumFractionDigits: 1 })}%`
    : v.toLocaleString('ko-KR', { maximumFractionDigits: 1 });

function legend(c: ReportChart): string {
  let x = PAD.left;
  return c.series
    .map((s, i) => {
      const out = `<rect x="${x}" y="8" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 14}" y="17" font-size="11">${esc(s.label)}</text>`;
      x += 24 + s.label.length * 11;
      return out;
    })
    .join('');
}

function axes(c: ReportChart, max: number): string {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = PAD.top + plotH * (1 - f);
    return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#d9d9d9" stroke-width="0.6"/><text x="${PAD.left - 6}" y="${y + 4}" font-size="10" text-anchor="end">${fmt(max * f, c.percent)}</text>`;
  });
  return ticks.join('');
}

function xLabels(c: ReportChart, step: number): string {
  const rotate = c.labels.length > 8 || c.labels.some((l) => l.length > 6);
  const every = Math.ceil(c.labels.length / 36);
  return c.labels
    .map((l, i) => {
      if (i % every) return '';
      const x = PAD.left + step * (i + 0.5);
      const y = H - PAD.bottom + 14;
      const text = esc(l.length > 14 ? `${l.slice(0, 13)}…` : l);
      return rotate
        ? `<text x="${x}" y="${y}" font-size="10" text-anchor="end" transform="rotate(-40 ${x} ${y})">${text}</text>`
        : `<text x="${x}" y="${y}" font-size="10" text-anchor="middle">${text}</text>`;
    })
    .join('');
}

function bar(c: ReportChart): string {
  const max = niceMax(Math.max(0, ...c.series.flatMap((s) => s.data)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, c.labels.length);
  const bw = (step * 0.75) / Math.max(1, c.series.length);
  const bars = c.series.flatMap((s, si) =>
    s.data.map((v, i) => {
      const h = (Math.max(0, v) / max) * plotH;
      const x = PAD.left + step * i + step * 0.125 + bw * si;
      return `<rect x="${x.toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[si % PALETTE.length]}"/>`;
    }),
  );
  return axes(c, max) + bars.join('') + xLabels(c, step);
}

function line(c: ReportChart): string {
  const max = niceMax(Math.max(0, ...c.series.flatMap((s) => s.data)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, c.labels.length);
  const paths = c.series.map((s, si) => {
    const pts = s.data.map((v, i) => [
      PAD.left + step * (i + 0.5),
      PAD.top + plotH - (Math.max(0, v) / max) * plotH,
    ]);
    const color = PALETTE[si % PALETTE.length];
    return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => p.map((n) => n.toFixed(1)).join(',')).join(' ')}"/>${pts
      .map((p) => `<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="2.5" fill="${color}"/>`)
      .join('')}`;
  });
  return axes(c, max) + paths.join('') + xLabels(c, step);
}

function pie(c: ReportChart): string {
  const data = c.series[0]?.data ?? [];
  const total = data.reduce((a, b) => a + Math.max(0, b), 0);
  if (total === 0)
    return `<text x="${W / 2}" y="${H / 2}" font-size="12" text-anchor="middle">자료 없음</text>`;
  const cx = 150;
  const cy = H / 2 + 8;
  const r = 100;
  let a = -Math.PI / 2;
  const slices = data.map((v, i) => {
    const frac = Math.max(0, v) / total;
    const b = a + frac * Math.PI * 2;
    const large = b - a > Math.PI ? 1 : 0;
    const p = (t: number) => `${(cx + r * Math.cos(t)).toFixed(1)},${(cy + r * Math.sin(t)).toFixed(1)}`;
    const d =
      frac >= 0.9999
        ? `M ${cx - r},${cy} a ${r},${r} 0 1,0 ${2 * r},0 a ${r},${r} 0 1,0 ${-2 * r},0`
        : `M ${cx},${cy} L ${p(a)} A ${r},${r} 0 ${large} 1 ${p(b)} Z`;
    a = b;
    const color = PALETTE[i % PALETTE.length];
    const ly = 40 + i * 20;
    return `<path d="${d}" fill="${color}" stroke="#fff" stroke-width="1"/><rect x="300" y="${ly - 10}" width="10" height="10" fill="${color}"/><text x="316" y="${ly}" font-size="11">${esc(c.labels[i] ?? '')} ${v.toLocaleString('ko-KR')} (${(frac * 100).toFixed(1)}%)</text>`;
  });
  return slices.join('');
}

/** One chart as an SVG element sized by the page (viewBox keeps the proportions). */
export function chartSvg(c: ReportChart): string {
  const body = c.type === 'pie' ? pie(c) : c.type === 'line' ? line(c) : bar(c);
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(c.title)}" font-family="Pretendard, 'Noto Sans CJK KR', sans-serif">${c.type === 'pie' ? '' : legend(c)}${body}</svg>`;
}
