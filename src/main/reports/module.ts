// Dashboard tiles from the statistics (issue #8): this month's sends and delivery rate, campaigns
// running or scheduled, new subscribers this month, surveys open and their response rate. Each
// tile links to where the work is. (Subscribers, opt-outs waiting and bounces have their own tiles.)
import type { Core, DashboardTile } from '../core/core';
import { seoulDayStart } from '../subscribers/time';
import { addCounts, countsByCampaign, emptyCounts, launchedCampaigns, sentOf } from './campaignCounts';
import { ratio } from './period';
import { surveysAvailable } from './surveys';

/** The instant this Seoul month began, ISO. */
function monthStart(now: Date): string {
  const day = new Date(seoulDayStart(now));
  const seoul = new Date(day.getTime() + 9 * 3_600_000);
  return new Date(day.getTime() - (seoul.getUTCDate() - 1) * 86_400_000).toISOString();
}

export function reportTiles(core: Core): DashboardTile[] {
  const now = core.clock.now();
  const lo = monthStart(now);
  const hi = new Date(now.getTime() + 86_400_000).toISOString();
  const list = launchedCampaigns(core, lo, hi);
  const k = emptyCounts();
  for (const c of countsByCampaign(core, list).values()) addCounts(k, c);
  const sent = sentOf(k);
  const active = core.sqlite
    .prepare("SELECT count(*) FROM campaigns WHERE status IN ('sending', 'scheduled', 'paused')")
    .pluck()
    .get() as number;
  const joined = core.sqlite
    .prepare(
      "SELECT count(*) FROM subscribers INDEXED BY subscribers_created_idx WHERE created_at >= ? AND status = 'active'",
    )
    .pluck()
    .get(lo) as number;
  const tiles: DashboardTile[] = [
    {
      key: 'reports.joinedThisMonth',
      label: '이번 달 새 구독자',
      value: joined,
      unit: '명',
      link: '/reports/subscribers',
    },
    { key: 'reports.sendsThisMonth', label: '이번 달 발송', value: sent, unit: '건', link: '/reports/sends' },
    {
      key: 'reports.deliveryThisMonth',
      label: '이번 달 전달률',
      value: Math.round(ratio(k.success, sent) * 1000) / 10,
      unit: '%',
      link: '/reports/sends',
    },
    {
      key: 'reports.campaignsActive',
      label: '진행·예약 캠페인',
      value: active,
      unit: '건',
      link: '/campaigns',
    },
  ];
  if (surveysAvailable(core)) {
    const s = core.sqlite
      .prepare(
        `SELECT count(DISTINCT s.id) AS open, count(p.id) AS invited, count(p.completed_at) AS completed
         FROM surveys s LEFT JOIN survey_participants p ON p.survey_id = s.id
         WHERE s.status = 'published' AND s.closes_at > ?`,
      )
      .get(now.toISOString()) as { open: number; invited: number; completed: number };
    tiles.push(
      { key: 'reports.surveysOpen', label: '진행 중 설문', value: s.open, unit: '건', link: '/surveys' },
      {
        key: 'reports.surveysRate',
        label: '진행 중 설문 응답률',
        value: Math.round(ratio(s.completed, s.invited) * 1000) / 10,
        unit: '%',
        link: '/reports/surveys',
      },
    );
  }
  return tiles;
}

export function installReports(core: Core): void {
  core.addDashboardTiles((ctx) =>
    ctx.user && ['admin', 'pr'].includes(ctx.user.role) ? reportTiles(core) : [],
  );
}
