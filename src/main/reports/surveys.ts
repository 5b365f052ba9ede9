// Report 6: survey participation per survey open in the period — invited, visited, started,
// completed, rate; plus the invitation mails' delivery and opens (PCRM funnel, docs/domain.md §2).
// Reads the surveys domain's tables (src/main/db/schema/surveys.ts) directly: aggregates only.
import type { Core } from '../core/core';
import { countsByCampaign, launchedCampaigns, sentOf } from './campaignCounts';
import { col } from './common';
import { isoRange, ratio } from './period';
import type { ReportDef } from './types';

interface SurveyFacts {
  id: string;
  title: string;
  department: string;
  status: string;
  opensAt: string;
  closesAt: string;
}

export function surveysAvailable(core: Core): boolean {
  return !!core.sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'survey_participants'")
    .get();
}

export const surveysReport: ReportDef = {
  name: 'surveys',
  title: '설문 참여 현황',
  description: '기간 중 진행한 설문마다 초대·방문·시작·완료 인원과 응답률, 초대 메일 전달·열람',
  roles: ['admin', 'pr', 'dept'],
  filters: () => [],
  run(core, q) {
    const { lo, hi } = isoRange(q);
    const department = q.filters.department;
    const surveys = core.sqlite
      .prepare(
        `SELECT id, title, department, status, opens_at AS opensAt, closes_at AS closesAt FROM surveys
         WHERE status != 'draft' AND opens_at < @hi AND closes_at >= @lo
         ${department ? 'AND department = @department' : ''} ORDER BY opens_at`,
      )
      .all({ lo, hi, ...(department ? { department } : {}) }) as SurveyFacts[];
    const part = core.sqlite.prepare(
      `SELECT count(*) AS invited, count(visited_at) AS visited, count(started_at) AS started,
         count(completed_at) AS completed FROM survey_participants WHERE survey_id = ?`,
    );
    const responses = core.sqlite
      .prepare('SELECT count(*) FROM survey_responses WHERE survey_id = ?')
      .pluck();
    const camps = core.sqlite.prepare('SELECT campaign_id FROM survey_campaigns WHERE survey_id = ?').pluck();
    const all = launchedCampaigns(core, '0000', '9999');
    const rows = surveys.map((s) => {
      const p = part.get(s.id) as { invited: number; visited: number; started: number; completed: number };
      const ids = new Set(camps.all(s.id) as string[]);
      const counts = countsByCampaign(
        core,
        all.filter((c) => ids.has(c.id)),
      );
      let sent = 0;
      let delivered = 0;
      for (const k of counts.values()) {
        sent += sentOf(k);
        delivered += k.success;
      }
      const answered = responses.get(s.id) as number;
      return {
        title: s.title,
        department: s.department,
        period: `${s.opensAt.slice(0, 10).replaceAll('-', '.')}~${s.closesAt.slice(0, 10).replaceAll('-', '.')}`,
        invited: p.invited,
        sent,
        delivered,
        visited: p.visited,
        started: p.started,
        completed: p.completed,
        responses: answered,
        rate: ratio(p.completed, p.invited),
      };
    });
    const sum = (k: keyof (typeof rows)[number]) => rows.reduce((a, r) => a + (r[k] as number), 0);
    return {
      filterLabels: department ? [`부서: ${department}`] : [],
      sections: [
        {
          title: '설문별 참여',
          columns: [
            col('title', '설문', 'text', 30),
            col('department', '요청 부서', 'text', 14),
            col('period', '기간', 'text', 24),
            col('invited', '초대', 'int', 9),
            col('sent', '초대 발송', 'int', 10),
            col('delivered', '전달', 'int', 9),
            col('visited', '방문', 'int', 9),
            col('started', '시작', 'int', 9),
            col('completed', '완료', 'int', 9),
            col('responses', '응답(종이·전화 포함)', 'int', 12),
            col('rate', '응답률', 'percent', 9),
          ],
          rows,
          totals: {
            title: '합계',
            department: '',
            period: '',
            invited: sum('invited'),
            sent: sum('sent'),
            delivered: sum('delivered'),
            visited: sum('visited'),
            started: sum('started'),
            completed: sum('completed'),
            responses: sum('responses'),
            rate: ratio(sum('completed'), sum('invited')),
          },
          note: '응답률 = 완료 ÷ 초대. 초대 발송·전달은 초대·독려·재안내 캠페인의 문자와 메일을 합친 수입니다.',
        },
      ],
      charts: [
        {
          title: '설문별 참여 단계',
          type: 'bar',
          labels: rows.map((r) => r.title),
          series: [
            { label: '초대', data: rows.map((r) => r.invited) },
            { label: '방문', data: rows.map((r) => r.visited) },
            { label: '완료', data: rows.map((r) => r.completed) },
          ],
        },
      ],
    };
  },
};
