import ExcelJS from 'exceljs';
import { CHANNEL_LABELS } from '../../shared/contract/subscribers';
import type { IntakeStats, SubscriberStats } from '../../shared/contract/stats';
import { AppError } from '../../shared/errors';
import { AGE_BAND_LABELS, AGE_BANDS, ageBand, formatDate } from '../../shared/text/dates';
import type { Core } from '../core/core';
import { seoulDateToIso, seoulYear } from './time';
import { FROZEN_HEADER, setupSheet } from './xlsx';

interface AttrRow {
  status: 'active' | 'withdrawn';
  kind: 'individual' | 'business';
  dongId: number | null;
  birthYear: number | null;
  gender: 'M' | 'F' | null;
  businessTypeId: number | null;
  n: number;
}

/**
 * Subscribers by field × channel, age band, gender, dong and business type. Two passes over small
 * indexes (subscribers_stats_idx grouped in index order; consent_totals kept by triggers), so it
 * stays well under 100 ms at 100k people. Counts are of active subscribers.
 */
export function subscriberStats(core: Core, dongId: number | null): SubscriberStats {
  const db = core.sqlite;
  const ref = core.reference.list();
  const year = seoulYear(core.clock.now());
  const attrs = db
    .prepare(
      `SELECT status, kind, dong_id AS dongId, birth_year AS birthYear, gender, business_type_id AS businessTypeId, count(*) AS n
       FROM subscribers INDEXED BY subscribers_stats_idx ${dongId === null ? '' : 'WHERE dong_id = @dongId'}
       GROUP BY status, kind, dong_id, birth_year, gender, business_type_id`,
    )
    .all(dongId === null ? {} : { dongId }) as AttrRow[];

  const totals = { individuals: 0, businesses: 0, active: 0, withdrawn: 0 };
  const bands = new Map<string | null, number>();
  const genders = new Map<string | null, number>();
  const dongs = new Map<number | null, { individuals: number; businesses: number }>();
  const types = new Map<number | null, number>();
  for (const r of attrs) {
    if (r.status !== 'active') {
      totals.withdrawn += r.n;
      continue;
    }
    totals.active += r.n;
    const d = dongs.get(r.dongId) ?? { individuals: 0, businesses: 0 };
    if (r.kind === 'individual') {
      totals.individuals += r.n;
      d.individuals += r.n;
      const band = r.birthYear ? ageBand(r.birthYear, year) : null;
      bands.set(band, (bands.get(band) ?? 0) + r.n);
      genders.set(r.gender, (genders.get(r.gender) ?? 0) + r.n);
    } else {
      totals.businesses += r.n;
      d.businesses += r.n;
      types.set(r.businessTypeId, (types.get(r.businessTypeId) ?? 0) + r.n);
    }
    dongs.set(r.dongId, d);
  }

  const byField = fieldCounts(core, dongId);
  const shownDongs = dongId === null ? ref.dongs : ref.dongs.filter((d) => d.id === dongId);
  return {
    asOf: core.clock.now().toISOString(),
    dongId,
    totals,
    byField: ref.fields
      .filter((f) => f.active || byField.has(f.id))
      .map((f) => ({
        fieldId: f.id,
        code: f.code,
        name: f.name,
        audience: f.audience,
        sms: byField.get(f.id)?.sms ?? 0,
        email: byField.get(f.id)?.email ?? 0,
      })),
    byAgeBand: [
      ...AGE_BANDS.map((b) => ({ band: b, label: AGE_BAND_LABELS[b], count: bands.get(b) ?? 0 })),
      ...(bands.get(null) ? [{ band: null, label: '미상', count: bands.get(null)! }] : []),
    ],
    byGender: [
      { gender: 'M' as const, label: '남', count: genders.get('M') ?? 0 },
      { gender: 'F' as const, label: '여', count: genders.get('F') ?? 0 },
      ...(genders.get(null) ? [{ gender: null, label: '미상', count: genders.get(null)! }] : []),
    ],
    byDong: [
      ...shownDongs.map((d) => ({
        dongId: d.id,
        name: d.name,
        ...(dongs.get(d.id) ?? { individuals: 0, businesses: 0 }),
      })),
      ...(dongs.get(null) ? [{ dongId: null, name: '미지정', ...dongs.get(null)! }] : []),
    ],
    byBusinessType: [
      ...ref.businessTypes.map((b) => ({ businessTypeId: b.id, name: b.name, count: types.get(b.id) ?? 0 })),
      ...(types.get(null) ? [{ businessTypeId: null, name: '미지정', count: types.get(null)! }] : []),
    ],
  };
}

function fieldCounts(core: Core, dongId: number | null): Map<number, { sms: number; email: number }> {
  const rows =
    dongId === null
      ? (core.sqlite
          .prepare('SELECT field_id AS fieldId, channel, granted AS n FROM consent_totals')
          .all() as {
          fieldId: number;
          channel: 'sms' | 'email';
          n: number;
        }[])
      : dongFieldCounts(core, dongId);
  const out = new Map<number, { sms: number; email: number }>();
  for (const r of rows) {
    const v = out.get(r.fieldId) ?? { sms: 0, email: 0 };
    v[r.channel] = r.n;
    out.set(r.fieldId, v);
  }
  return out;
}

/** One narrow index range per field × channel (a GROUP BY would scan the whole index). */
function dongFieldCounts(core: Core, dongId: number) {
  const st = core.sqlite
    .prepare(
      `SELECT count(*) FROM consent_state INDEXED BY consent_state_segment_idx
       WHERE field_id = ? AND channel = ? AND granted = 1 AND dong_id = ?`,
    )
    .pluck();
  return core.reference.list().fields.flatMap((f) =>
    (['sms', 'email'] as const).map((channel) => ({
      fieldId: f.id,
      channel,
      n: st.get(f.id, channel, dongId) as number,
    })),
  );
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Forms taken per station (a dong center counts for its dong's evaluation) and month of signing. */
export function intakeStats(core: Core, from: string, to: string, dongScope: number | null): IntakeStats {
  if (to < from) throw new AppError('VALIDATION', '끝 날짜가 시작 날짜보다 앞설 수 없습니다.');
  const months = monthsBetween(from, to);
  if (months.length > 120) throw new AppError('VALIDATION', '기간은 10년 이내로 골라 주세요.');
  // One index range per Seoul month (cheaper than converting every row's time zone in SQL).
  const st = core.sqlite.prepare(
    `SELECT station_id AS stationId, kind, count(*) AS n FROM intake_forms INDEXED BY intake_forms_signed_idx
     WHERE signed_at >= ? AND signed_at < ? GROUP BY station_id, kind`,
  );
  const start = seoulDateToIso(from);
  const end = new Date(new Date(seoulDateToIso(to)).getTime() + 86_400_000).toISOString();
  const rows = months.flatMap((ym, i) => {
    const lo = i === 0 ? start : seoulDateToIso(`${ym}-01`);
    const hi = i === months.length - 1 ? end : seoulDateToIso(`${months[i + 1]}-01`);
    return (st.all(lo, hi) as { stationId: string | null; kind: 'new' | 'update'; n: number }[]).map((r) => ({
      ...r,
      ym,
    }));
  });
  const ref = core.reference.list();
  const dongName = new Map(ref.dongs.map((d) => [d.id, d.name]));
  const stations = ref.stations
    .filter((s) => dongScope === null || s.dongId === dongScope)
    .map((s) => ({
      stationId: s.id as string | null,
      code: s.code,
      name: s.name,
      dongName: s.dongId ? (dongName.get(s.dongId) ?? null) : null,
    }));
  if (dongScope === null)
    for (const r of rows)
      if (!stations.some((s) => s.stationId === r.stationId))
        stations.push({
          stationId: r.stationId,
          code: '-',
          name: r.stationId ? '다른 접수처' : '접수처 미상',
          dongName: null,
        });
  const byStation = stations.map((s) => {
    const mine = rows.filter((r) => r.stationId === s.stationId);
    const counts = months.map((m) => mine.filter((r) => r.ym === m).reduce((a, r) => a + r.n, 0));
    return {
      ...s,
      months: counts,
      total: counts.reduce((a, b) => a + b, 0),
      new: mine.filter((r) => r.kind === 'new').reduce((a, r) => a + r.n, 0),
      update: mine.filter((r) => r.kind === 'update').reduce((a, r) => a + r.n, 0),
    };
  });
  const monthTotals = months.map((_, i) => byStation.reduce((a, s) => a + s.months[i], 0));
  return {
    from,
    to,
    months,
    byStation,
    totals: { months: monthTotals, total: monthTotals.reduce((a, b) => a + b, 0) },
  };
}

/** Both statistics as one workbook, a sheet per table (small: built in memory). */
export async function writeStatsWorkbook(
  file: string,
  s: SubscriberStats,
  intake: IntakeStats,
  wardName: string,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '소통창구';
  const sheet = (name: string, cols: [string, string, number][], rows: Record<string, unknown>[]) => {
    const ws = wb.addWorksheet(name, FROZEN_HEADER);
    setupSheet(
      ws,
      cols.map(([header, key, width]) => ({ header, key, width })),
    );
    for (const r of rows) ws.addRow(r);
  };
  sheet(
    '분야별',
    [
      ['분야', 'name', 28],
      [`${CHANNEL_LABELS.sms} 수신`, 'sms', 12],
      [`${CHANNEL_LABELS.email} 수신`, 'email', 12],
      ['대상', 'audience', 10],
    ],
    s.byField.map((f) => ({ ...f, audience: f.audience === 'individual' ? '개인' : '사업자' })),
  );
  sheet(
    '연령대별',
    [
      ['연령대', 'label', 14],
      ['인원', 'count', 12],
    ],
    s.byAgeBand,
  );
  sheet(
    '성별',
    [
      ['성별', 'label', 10],
      ['인원', 'count', 12],
    ],
    s.byGender,
  );
  sheet(
    '행정동별',
    [
      ['행정동', 'name', 16],
      ['개인', 'individuals', 12],
      ['사업자', 'businesses', 12],
    ],
    s.byDong,
  );
  sheet(
    '업종별',
    [
      ['업종', 'name', 24],
      ['사업자 수', 'count', 12],
    ],
    s.byBusinessType,
  );
  const ws = wb.addWorksheet('접수 현황', FROZEN_HEADER);
  setupSheet(ws, [
    { header: '접수처', key: 'name', width: 22 },
    { header: '행정동', key: 'dongName', width: 14 },
    ...intake.months.map((m) => ({ header: m.replace('-', '.'), key: m, width: 9 })),
    { header: '합계', key: 'total', width: 10 },
    { header: '신규', key: 'new', width: 9 },
    { header: '갱신', key: 'update', width: 9 },
  ]);
  for (const st of intake.byStation)
    ws.addRow({ ...st, ...Object.fromEntries(intake.months.map((m, i) => [m, st.months[i]])) });
  ws.addRow({
    name: '합계',
    ...Object.fromEntries(intake.months.map((m, i) => [m, intake.totals.months[i]])),
    total: intake.totals.total,
  }).font = {
    bold: true,
  };
  const info = wb.addWorksheet('정보');
  info.columns = [{ width: 16 }, { width: 40 }];
  info.addRow(['구', wardName]);
  info.addRow(['기준일', formatDate(s.asOf)]);
  info.addRow(['접수 기간', `${intake.from.replaceAll('-', '.')} ~ ${intake.to.replaceAll('-', '.')}`]);
  try {
    await wb.xlsx.writeFile(file);
  } catch (e) {
    throw new AppError('FILE', `엑셀 파일을 쓰지 못했습니다: ${(e as Error).message}`);
  }
}
