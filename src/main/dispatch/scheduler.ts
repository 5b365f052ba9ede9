import type { AuditActor } from '../audit/service';
import type { CampaignsModule } from '../campaigns/module';
import { CAMPAIGN_COLS, type CampaignRecord } from '../campaigns/store';

/** The actor of what the scheduler does by itself (audited as origin 'system'). */
export const SCHEDULER_ACTOR: AuditActor = {
  userId: null,
  username: '예약 발송',
  role: null,
  origin: 'system',
  stationId: null,
  address: 'local',
};

/**
 * In the main process: launches scheduled campaigns when due, picks up campaigns a crashed
 * process left 'sending' (so a restart resumes where it was), and polls delivery reports.
 * Everything lives in the database, so schedules survive a restart.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(private m: CampaignsModule) {}

  start(intervalMs = 5000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.m.core.sqlite.open) return this.stop();
      void this.tick().catch((e) => console.error('[sotong] campaign scheduler', e));
    }, intervalMs);
    this.timer.unref();
    setImmediate(() => void this.tick().catch((e) => console.error('[sotong] campaign scheduler', e)));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass; returns what it did (tests call it with an injected clock). */
  async tick(): Promise<{ launched: string[]; resumed: string[]; held: string[] }> {
    const out = { launched: [] as string[], resumed: [] as string[], held: [] as string[] };
    if (this.ticking || !this.m.core.sqlite.open) return out;
    this.ticking = true;
    try {
      this.m.settings.invalidate();
      const now = this.m.core.clock.now().toISOString();
      const due = this.m.core.sqlite
        .prepare(
          `SELECT ${CAMPAIGN_COLS} FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at`,
        )
        .all(now) as CampaignRecord[];
      for (const c of due) {
        const r = this.m.service.launchScheduled(c.id);
        if (r.ok) out.launched.push(c.id);
        else out.held.push(c.id);
      }
      const sending = this.m.core.sqlite
        .prepare(`SELECT ${CAMPAIGN_COLS} FROM campaigns WHERE status = 'sending'`)
        .all() as CampaignRecord[];
      for (const c of sending)
        if (this.m.dispatcher.orphaned(c)) {
          this.m.dispatcher.start(c.id);
          out.resumed.push(c.id);
        }
      // Delivery reports still waiting, for campaigns launched in the last week.
      const since = new Date(this.m.core.clock.now().getTime() - 7 * 86_400_000).toISOString();
      const recent = this.m.core.sqlite
        .prepare(`SELECT id FROM campaigns WHERE launched_at >= ? AND sms_enabled = 1`)
        .pluck()
        .all(since) as string[];
      for (const id of recent)
        if (!this.m.dispatcher.isRunning(id) && this.m.dispatcher.outbox.hasAccepted(id))
          await this.m.dispatcher.pollReports(id, 5000);
    } finally {
      this.ticking = false;
    }
    return out;
  }
}
