/**
 * Polled sources: providers' 080 opt-out lists and MO inboxes. The gateway engineer registers one
 * source per configured provider (`core.optout.sync.registerListSource(...)`); `run()` pulls from every
 * registered source on demand and on the schedule in the opt-out settings. Each source remembers where
 * it left off; an overlap of an hour is re-read every time and de-duplicated by the ingest.
 */
import type { Core } from '../core/core';
import { fixedIntent } from './fixed';
import type { IngestResult, OptOutService } from './service';
import type { OptOutInboundSource, OptOutListSource } from './types';

const OVERLAP_MS = 3_600_000;

export interface SyncSourceResult {
  name: string;
  kind: 'list' | 'inbound';
  fetched: number;
  messages: number;
  applied: number;
  review: number;
  unmatched: number;
  duplicates: number;
  error: string | null;
}

interface State {
  name: string;
  kind: 'list' | 'inbound';
  since: string | null;
  lastRunAt: string | null;
  lastOkAt: string | null;
  lastError: string | null;
  lastCount: number;
}

export class OptOutSync {
  private lists = new Map<string, OptOutListSource>();
  private inbound = new Map<string, OptOutInboundSource>();
  private running: Promise<SyncSourceResult[]> | null = null;

  constructor(
    private core: Core,
    private service: OptOutService,
  ) {}

  /** Returns a function that unregisters the source. */
  registerListSource(src: OptOutListSource): () => void {
    this.lists.set(src.name, src);
    return () => this.lists.delete(src.name);
  }

  registerInboundSource(src: OptOutInboundSource): () => void {
    this.inbound.set(src.name, src);
    return () => this.inbound.delete(src.name);
  }

  registered(): { name: string; kind: 'list' | 'inbound' }[] {
    return [
      ...[...this.lists.keys()].map((name) => ({ name, kind: 'list' as const })),
      ...[...this.inbound.keys()].map((name) => ({ name, kind: 'inbound' as const })),
    ];
  }

  states(): State[] {
    return this.core.sqlite
      .prepare(
        `SELECT name, kind, since, last_run_at AS lastRunAt, last_ok_at AS lastOkAt, last_error AS lastError,
          last_count AS lastCount FROM optout_sync_state ORDER BY name, kind`,
      )
      .all() as State[];
  }

  private state(name: string, kind: 'list' | 'inbound'): State | undefined {
    return this.states().find((s) => s.name === name && s.kind === kind);
  }

  private save(s: State): void {
    this.core.sqlite
      .prepare(
        `INSERT INTO optout_sync_state (name, kind, since, last_run_at, last_ok_at, last_error, last_count)
         VALUES (@name, @kind, @since, @lastRunAt, @lastOkAt, @lastError, @lastCount)
         ON CONFLICT(name, kind) DO UPDATE SET since = excluded.since, last_run_at = excluded.last_run_at,
           last_ok_at = excluded.last_ok_at, last_error = excluded.last_error, last_count = excluded.last_count`,
      )
      .run(s);
  }

  /** Pulls every registered source (or the named ones). One failing source does not stop the others. */
  async run(names?: string[]): Promise<SyncSourceResult[]> {
    // Two overlapping runs (timer + button) would only race on the same rows: share the one running.
    if (this.running) return this.running;
    this.running = this.runAll(names).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runAll(names?: string[]): Promise<SyncSourceResult[]> {
    const out: SyncSourceResult[] = [];
    const want = (n: string) => !names || names.length === 0 || names.includes(n);
    for (const src of this.lists.values())
      if (want(src.name))
        out.push(
          await this.one(src.name, 'list', async (since) => {
            const rows = await src.fetchNumbers(since);
            return {
              fetched: rows.length,
              result: this.service.ingestMessages(
                rows.map((r) => ({
                  from: r.number,
                  text: '080 수신거부',
                  receivedAt: r.at,
                  source: '080-list' as const,
                  sourceDetail: src.name,
                  providerId: `${r.number.replace(/\D/g, '')}|${new Date(r.at).toISOString()}`,
                })),
                {
                  actor: this.service.systemActor('system', `080 수신거부 목록(${src.name})`),
                  intent: () => fixedIntent([], 'sms', '080 수신거부 목록에 올라온 번호'),
                },
              ),
            };
          }),
        );
    for (const src of this.inbound.values())
      if (want(src.name))
        out.push(
          await this.one(src.name, 'inbound', async (since) => {
            const rows = await src.fetchMessages(since);
            return {
              fetched: rows.length,
              result: this.service.ingestMessages(
                rows.map((r) => ({
                  from: r.from,
                  text: r.text,
                  receivedAt: r.receivedAt,
                  source: 'provider-mo' as const,
                  sourceDetail: src.name,
                  providerId: r.providerId ?? null,
                })),
                { actor: this.service.systemActor('system', `문자 수신함(${src.name})`) },
              ),
            };
          }),
        );
    if (names) for (const n of names) if (!out.some((r) => r.name === n)) out.push(missing(n));
    return out;
  }

  private async one(
    name: string,
    kind: 'list' | 'inbound',
    pull: (since: Date | null) => Promise<{ fetched: number; result: IngestResult }>,
  ): Promise<SyncSourceResult> {
    const prev = this.state(name, kind);
    const started = this.core.clock.now();
    const since = prev?.since ? new Date(new Date(prev.since).getTime() - OVERLAP_MS) : null;
    try {
      const { fetched, result } = await pull(since);
      this.save({
        name,
        kind,
        since: started.toISOString(),
        lastRunAt: started.toISOString(),
        lastOkAt: started.toISOString(),
        lastError: null,
        lastCount: fetched,
      });
      return { name, kind, fetched, error: null, ...pick(result) };
    } catch (e) {
      const error = `${name}에서 가져오지 못했습니다: ${(e as Error)?.message ?? e}`;
      this.save({
        name,
        kind,
        since: prev?.since ?? null,
        lastRunAt: started.toISOString(),
        lastOkAt: prev?.lastOkAt ?? null,
        lastError: error,
        lastCount: 0,
      });
      return {
        name,
        kind,
        fetched: 0,
        messages: 0,
        applied: 0,
        review: 0,
        unmatched: 0,
        duplicates: 0,
        error,
      };
    }
  }
}

function pick(r: IngestResult) {
  return {
    messages: r.messages,
    applied: r.applied,
    review: r.review,
    unmatched: r.unmatched,
    duplicates: r.duplicates,
  };
}

function missing(name: string): SyncSourceResult {
  return {
    name,
    kind: 'list',
    fetched: 0,
    messages: 0,
    applied: 0,
    review: 0,
    unmatched: 0,
    duplicates: 0,
    error: `등록되지 않은 출처입니다: ${name}`,
  };
}
