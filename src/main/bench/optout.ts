import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createCore } from '../core/core';
import type { IncomingOptOut } from '../optout/types';
import type { BenchRow } from './table';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const mobileOf = (i: number) => `010${String(i).padStart(8, '0')}`;

// What arrives after a big send: mostly plain opt-outs, some naming a field, some for a person to read.
const CLEAR = [
  '수신거부',
  '그만 보내세요',
  '거부',
  '수신 거부요',
  'STOP',
  '문자 받지 않겠습니다',
  '해지해주세요',
];
const FIELD = ['문화공연 거부', '건강정보만 빼주세요', '교육 그만'];
const REVIEW = ['다시 받고 싶어요', '행사 언제 해요?', '거부하지 마세요', '수신거부 했는데 또 왔어요', '네'];

/**
 * Issue #6: ingesting 10,000 opt-out messages against 100,000 subscribers (quick: 2,000 / 20,000),
 * against the same number of bare SELECT-by-mobile lookups on the same database in the same run.
 */
export async function optoutIngest(dir: string, quick: boolean): Promise<BenchRow[]> {
  const people = quick ? 20_000 : 100_000;
  const count = quick ? 2_000 : 10_000;
  process.stderr.write(`측정 중: 수신거부 문자 ${count}건 처리 (구독자 ${people}명)…\n`);
  const core = await createCore({ dbPath: path.join(dir, 'optout.db'), mode: 'cli' });
  try {
    const fields = core.reference
      .list()
      .fields.filter((f) => f.audience === 'individual')
      .map((f) => f.id);
    const db = core.sqlite;
    const insSub =
      db.prepare(`INSERT INTO subscribers (id, kind, name, name_choseong, mobile, phone_kind, status,
      created_at, updated_at, version) VALUES (?, 'individual', ?, '', ?, 'mobile', 'active', ?, ?, 1)`);
    const insEv =
      db.prepare(`INSERT INTO consent_events (id, subscriber_id, field_id, channel, action, at, source,
      created_at) VALUES (?, ?, ?, 'sms', 'granted', ?, 'paper', ?)`);
    const insState = db.prepare(`INSERT INTO consent_state (subscriber_id, field_id, channel, granted, since,
      last_event_id) VALUES (?, ?, 'sms', 1, ?, ?)`);
    const at = '2014-05-01T01:00:00.000Z';
    db.transaction(() => {
      for (let i = 0; i < people; i++) {
        const id = randomUUID();
        // every 50th record shares the number before it (a family on one phone)
        insSub.run(id, `주민${i}`, mobileOf(i % 50 === 49 ? i - 1 : i), at, at);
        for (let k = 0; k < 3; k++) {
          const ev = randomUUID();
          const f = fields[(i + k * 3) % fields.length];
          insEv.run(ev, id, f, at, at);
          insState.run(id, f, at, ev);
        }
      }
    })();

    const msgs: IncomingOptOut[] = [];
    for (let i = 0; i < count; i++) {
      const r = i % 20;
      const who = (i * 7919) % people;
      const text =
        r < 13 ? CLEAR[i % CLEAR.length] : r < 16 ? FIELD[i % FIELD.length] : REVIEW[i % REVIEW.length];
      msgs.push({
        from: r === 19 ? `0199${String(i).padStart(7, '0')}` : mobileOf(who),
        text,
        receivedAt: new Date(Date.UTC(2026, 10, 20, 5, 0, i)).toISOString(),
        source: 'sms-mo',
      });
    }

    // The setup's rows go into the database file now, not during the timed run (the first commit
    // after a big write otherwise pays for checkpointing all of it).
    db.pragma('wal_checkpoint(TRUNCATE)');

    // Baseline: the bare lookups any matching needs, same database, same run.
    const lookup = db.prepare('SELECT * FROM subscribers WHERE mobile = ?');
    let t = process.hrtime.bigint();
    for (const m of msgs) lookup.all(m.from);
    const bare = ms(t);

    t = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const r = core.optout.ingestMessages(msgs);
    const took = ms(t);
    const cpu = process.cpuUsage(cpu0);
    process.stderr.write(
      `  CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)})\n`,
    );
    if (r.applied === 0) throw new Error('bench: nothing was applied');
    return [
      {
        issue: '#6',
        name: `수신거부 문자 ${count.toLocaleString('ko-KR')}건 처리 (구독자 ${people.toLocaleString('ko-KR')}명)`,
        value: took / 1000,
        unit: 's',
        baseline: { name: `휴대전화 조회 ${count.toLocaleString('ko-KR')}회`, value: bare / 1000 },
        goal: '< 5 s',
        pass: took < 5000,
      },
    ];
  } finally {
    core.close();
  }
}
