// Issue #9: a station package of 10,000 changes exported and imported, against the bare cost of
// the same rows as JSON + gzip (no crypto, no database) measured in the same run.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CallContext } from '../core/context';
import { type Core, createCore } from '../core/core';
import { ZERO_MARK } from '../stations/body';
import { collectChanges } from '../stations/changes';
import type { BenchRow } from './table';

const CLI: CallContext = { origin: 'cli', asLocalAdmin: true, address: 'local' };
const PASS = 'bench-passphrase-2026';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function setStation(core: Core, code: string): void {
  const st = core.reference.list().stations.find((s) => s.code === code)!;
  core.settings.update({ thisStationId: st.id });
}

/** people + one consent event each + a second for half of them + one form each = `changes` rows. */
function fill(core: Core, changes: number): void {
  const people = Math.floor(changes / 3.5);
  const repo = core.subscriberRepo;
  const me = core.reference.station(core.settings.get().thisStationId)!;
  const fields = core.reference.list().fields.filter((f) => f.audience === 'individual');
  const at = core.clock.now().toISOString();
  let left = changes;
  repo.transaction(() => {
    for (let i = 0; left > 0 && i < people * 2; i++) {
      const sub = repo.insert({
        kind: 'individual',
        name: `주민${i}`,
        representative: null,
        businessTypeId: null,
        mobile: `0100${String(i).padStart(7, '0')}`,
        phoneKind: 'mobile',
        email: i % 3 === 0 ? `p${i}@example.com` : null,
        birthYear: 1950 + (i % 50),
        gender: i % 2 ? 'M' : 'F',
        dongId: me.dongId,
        address: `주소 ${i}`,
        note: null,
        stationId: me.id,
        createdBy: null,
      });
      left--;
      const formRef = `${me.code}-2026-${String(i + 1).padStart(6, '0')}`;
      const evs = (i % 2 ? [0] : [0, 1]).slice(0, left);
      repo.appendConsent(
        evs.map((k) => ({
          id: randomUUID(),
          subscriberId: sub.id,
          fieldId: fields[(i + k) % fields.length].id,
          channel: 'sms' as const,
          action: 'granted' as const,
          at,
          source: 'paper' as const,
          formRef,
          stationId: me.id,
        })),
      );
      left -= evs.length;
      if (left > 0) {
        repo.recordForm({
          formRef,
          subscriberId: sub.id,
          stationId: me.id,
          kind: 'new',
          signedAt: at,
          userId: null,
        });
        left--;
      }
    }
  });
}

export async function stationPackages(dir: string, quick: boolean): Promise<BenchRow[]> {
  const changes = 10_000;
  process.stderr.write(`측정 중: 접수처 꾸러미 변경 ${changes.toLocaleString('ko-KR')}건 만들기·가져오기…\n`);
  const hq = await createCore({ dbPath: path.join(dir, 'hq.db'), mode: 'cli' });
  const st = await createCore({ dbPath: path.join(dir, 'station.db'), mode: 'cli' });
  try {
    setStation(hq, 'HQ');
    setStation(st, 'SD03');
    const call = (core: Core, ch: string, input: unknown) => core.router.call(ch as never, input, CLI);
    await call(hq, 'stations.pairingImport', {
      base64: ((await call(st, 'stations.pairingExport', {})) as { base64: string }).base64,
    });
    await call(st, 'stations.pairingImport', {
      base64: ((await call(hq, 'stations.pairingExport', {})) as { base64: string }).base64,
    });
    fill(st, changes);

    // Baseline: the same rows, serialised and gzip'd, nothing else.
    const runs = quick ? 1 : 3;
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const set = collectChanges(st.sqlite, ZERO_MARK);
      gzipSync(Buffer.from(JSON.stringify(set), 'utf8'), { level: 6 });
      bare.push(ms(t));
    }
    const baseline = Math.min(...bare);

    const exp: number[] = [];
    let file = '';
    let sent = 0;
    for (let i = 0; i < runs; i++) {
      file = path.join(dir, `pkg-${i}.sotong`);
      const t = process.hrtime.bigint();
      const r = (await call(st, 'stations.export', { path: file, passphrase: PASS })) as {
        counts: { people: number; events: number; forms: number };
      };
      exp.push(ms(t));
      sent = r.counts.people + r.counts.events + r.counts.forms;
    }
    // Each import run starts from the same paired, empty HQ (a copy), so runs are comparable.
    const pristine = path.join(dir, 'hq-pristine.db');
    await hq.sqlite.backup(pristine);
    const imp: number[] = [];
    let imported = { people: 0, events: 0, forms: 0 };
    for (let i = 0; i < runs; i++) {
      const copy = path.join(dir, `hq-${i}.db`);
      fs.copyFileSync(pristine, copy);
      const target = await createCore({ dbPath: copy, mode: 'cli' });
      try {
        const t = process.hrtime.bigint();
        imported = (await call(target, 'stations.import', {
          path: file,
          passphrase: PASS,
        })) as typeof imported;
        imp.push(ms(t));
      } finally {
        target.close();
      }
    }
    const importMs = Math.min(...imp);
    const got = imported.people + imported.events + imported.forms;
    const exportMs = Math.min(...exp);
    return [
      {
        issue: '#9',
        name: `접수처 꾸러미 만들기 (변경 ${sent.toLocaleString('ko-KR')}건, 서명·암호화)`,
        value: exportMs,
        unit: 'ms',
        baseline: { name: 'JSON+gzip만', value: baseline },
        goal: '< 3000 ms',
        pass: exportMs < 3000 && sent === changes,
      },
      {
        issue: '#9',
        name: `본청 꾸러미 가져오기 (변경 ${got.toLocaleString('ko-KR')}건, 검증·병합)`,
        value: importMs,
        unit: 'ms',
        baseline: { name: 'JSON+gzip만', value: baseline },
        goal: '< 3000 ms',
        pass: importMs < 3000 && got === changes,
      },
    ];
  } finally {
    hq.close();
    st.close();
  }
}
