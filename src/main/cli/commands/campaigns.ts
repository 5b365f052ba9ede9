import fs from 'node:fs';
import type { Command } from 'commander';
import {
  type CampaignRow,
  campaignFile,
  CAMPAIGN_STATUS_LABELS,
  OUTBOX_STATUS_LABELS,
} from '../../../shared/contract/campaigns';
import { AppError } from '../../../shared/errors';
import { countSmsBytes } from '../../../shared/text/smsBytes';
import { campaignsOf } from '../../campaigns/module';
import type { Core } from '../../core/core';
import { globals, withCore } from '../context';
import { makeOut } from '../output';

/** Id, code or name → id, for the campaign file's fields, dongs and business types. */
function resolveIds(
  list: { id: number; code: string; name: string }[],
  wanted: (number | string)[],
  what: string,
): number[] {
  return wanted.map((w) => {
    const hit = list.find((x) => x.id === w || x.code === w || x.name === w || String(x.id) === w);
    if (!hit) throw new AppError('VALIDATION', `${what}을(를) 찾을 수 없습니다: ${w}`);
    return hit.id;
  });
}

function readCampaignFile(core: Core, file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('FILE', `캠페인 파일을 읽을 수 없습니다: ${(e as Error).message}`);
  }
  const parsed = campaignFile.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `캠페인 파일이 올바르지 않습니다: ${first.path.join('.')} ${first.message}`,
    );
  }
  const f = parsed.data;
  const ref = core.reference.list();
  return {
    name: f.name,
    kind: f.kind,
    fieldIds: resolveIds(ref.fields, f.fields, '분야'),
    channels: f.channels,
    filters: {
      dongIds: resolveIds(ref.dongs, f.filters.dongs, '행정동'),
      ageBands: f.filters.ageBands,
      genders: f.filters.genders,
      businessTypeIds: resolveIds(ref.businessTypes, f.filters.businessTypes, '업종'),
      kinds: f.filters.kinds,
    },
    isAd: f.isAd,
    sms: f.sms,
    email: f.email,
  };
}

function statusOf(c: CampaignRow) {
  const done = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([k]) => k !== 'queued' && k !== 'sending')
      .reduce((a, [, n]) => a + n, 0);
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    statusLabel: CAMPAIGN_STATUS_LABELS[c.status],
    pauseReason: c.pauseReason,
    total: c.total,
    done: done(c.counts.sms) + done(c.counts.email),
    channels: c.counts,
    launchedAt: c.launchedAt,
    finishedAt: c.finishedAt,
  };
}

function humanStatus(s: ReturnType<typeof statusOf>): string[] {
  const lines = [
    `${s.name} — ${s.statusLabel} (${s.done.toLocaleString('ko-KR')}/${s.total.toLocaleString('ko-KR')})`,
  ];
  if (s.pauseReason) lines.push(`  사유: ${s.pauseReason}`);
  for (const ch of ['sms', 'email'] as const) {
    const parts = Object.entries(s.channels[ch]).map(
      ([k, n]) =>
        `${OUTBOX_STATUS_LABELS[k as keyof typeof OUTBOX_STATUS_LABELS] ?? k} ${n.toLocaleString('ko-KR')}`,
    );
    if (parts.length) lines.push(`  ${ch === 'sms' ? '문자' : '이메일'}: ${parts.join(' · ')}`);
  }
  return lines;
}

export function registerCampaignCommands(program: Command): void {
  const sms = program.command('sms').description('문자 도구');
  sms
    .command('check')
    .description('문자 바이트(EUC-KR)와 종류(SMS/LMS/TOO_LONG), 보낼 수 없는 글자를 봅니다')
    .requiredOption('--text <text>', '문자 내용')
    .action((o: { text: string }, cmd: Command) => {
      const out = makeOut(!!globals(cmd).json);
      const r = countSmsBytes(o.text);
      const value = { bytes: r.bytes, class: r.class, unsupported: r.unsupported };
      out.result(value, () => [
        `${r.bytes}바이트 · ${r.class === 'TOO_LONG' ? '너무 김 (2,000바이트 초과)' : r.class}`,
        ...(r.unsupported.length ? [`보낼 수 없는 글자: ${r.unsupported.join(' ')}`] : []),
      ]);
    });

  const campaign = program.command('campaign').description('문자·이메일 캠페인');

  campaign
    .command('create')
    .description('JSON 파일로 캠페인을 만듭니다 (형식: src/shared/contract/campaigns.ts 의 campaignFile)')
    .requiredOption('--file <path>', '캠페인 JSON 파일')
    .action(async (o: { file: string }, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        const row = await call<CampaignRow>('campaigns.save', readCampaignFile(core, o.file));
        out.result(row, () => [`캠페인을 만들었습니다: ${row.name}`, `id: ${row.id}`]);
      }),
    );

  campaign
    .command('list')
    .description('캠페인 목록')
    .action(async (_o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const r = await call<{ items: CampaignRow[] }>('campaigns.list', { pageSize: 100 });
        out.result(r.items.map(statusOf), () =>
          r.items.map((c) => `${c.id}\t${CAMPAIGN_STATUS_LABELS[c.status]}\t${c.total}\t${c.name}`),
        );
      }),
    );

  campaign
    .command('status')
    .description('캠페인 상태와 채널·상태별 건수')
    .argument('<id>', '캠페인 id')
    .action(async (id: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const s = statusOf(await call<CampaignRow>('campaigns.get', { id }));
        out.result(s, () => humanStatus(s));
      }),
    );

  campaign
    .command('preview')
    .description('미리보기 (최종 문구, 바이트, 비용)')
    .argument('<id>', '캠페인 id')
    .action(async (id: string, _o, cmd: Command) =>
      withCore(cmd, async (_core, out, call) => {
        const p = await call<{ sms: { text: string; bytes: number; class: string; cost: number } | null }>(
          'campaigns.preview',
          { id },
        );
        out.result(p, () =>
          p.sms ? [p.sms.text, `— ${p.sms.bytes}바이트 · ${p.sms.class} · 예상 비용 ${p.sms.cost}원`] : [],
        );
      }),
    );

  campaign
    .command('send')
    .description('캠페인을 발송하고 끝날 때까지 이 창에서 보냅니다 (멈췄던 발송은 이어서 보냅니다)')
    .argument('<id>', '캠페인 id')
    .option('--confirm-night', '밤 9시~아침 8시 문자 발송을 확인합니다 (광고는 불가)')
    .option('--wait-reports <sec>', '발송 뒤 전달 결과를 기다릴 최대 시간(초)', '60')
    .action(async (id: string, o: { confirmNight?: boolean; waitReports: string }, cmd: Command) =>
      withCore(cmd, async (core, out, call) => {
        const m = campaignsOf(core);
        let last = 0;
        const stop = core.events.subscribe((name, payload) => {
          if (name !== 'campaign.progress') return;
          const p = payload as { campaignId: string; done: number; total: number; status: string };
          if (p.campaignId !== id || (Date.now() - last < 500 && p.done !== p.total)) return;
          last = Date.now();
          process.stderr.write(
            `발송 진행: ${p.done.toLocaleString('ko-KR')}/${p.total.toLocaleString('ko-KR')}\n`,
          );
        });
        try {
          const c = await call<CampaignRow>('campaigns.get', { id });
          if (c.status === 'draft' || c.status === 'scheduled')
            await call('campaigns.launch', { id, confirmNight: !!o.confirmNight });
          else if (c.status === 'paused')
            await call('campaigns.resume', { id, confirmNight: !!o.confirmNight });
          else if (c.status === 'cancelled') throw new AppError('VALIDATION', '취소된 캠페인입니다.');
          const wait = Math.max(0, Number(o.waitReports) || 0) * 1000;
          // Joins the dispatch launch started, or resumes one a crash left 'sending'.
          await m.dispatcher.run(id);
          await m.dispatcher.waitReports(id, wait);
          const s = statusOf(await call<CampaignRow>('campaigns.get', { id }));
          out.result(s, () => humanStatus(s));
          if (s.status !== 'done') process.exitCode = 1;
        } finally {
          stop();
          m.close();
        }
      }),
    );
}
