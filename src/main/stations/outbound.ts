// At a dong station: the change package for HQ, its history, and HQ's receipts.
import type { ChangeCounts } from '../../shared/contract/stations';
import { AppError } from '../../shared/errors';
import type { Core } from '../core/core';
import { seoulStamp } from '../subscribers/time';
import { type ChangesBody, receiptBody } from './body';
import { collectChanges, confirmedMark, countChanges, currentMark, totalOf } from './changes';
import { deriveKey, MSG, readBody, seal } from './envelope';
import { deliver, readSource, type WrittenFile } from './files';
import type { StationKeys } from './keys';
import { refsOf, requireKind, thisStation } from './refs';
import { verifiedEnvelope } from './verify';

export function nextSeq(core: Core): number {
  return (
    (core.sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM station_exports').get() as { n: number }).n +
    1
  );
}

export function pendingChanges(core: Core) {
  const me = thisStation(core);
  const zero: ChangeCounts = {
    people: 0,
    newPeople: 0,
    editedPeople: 0,
    events: 0,
    withdrawals: 0,
    forms: 0,
    suppressions: 0,
  };
  const q = (sql: string) => core.sqlite.prepare(sql).get() as Record<string, unknown> | undefined;
  if (me.kind === 'hq')
    return {
      applicable: false,
      total: 0,
      counts: zero,
      lastExportAt: null,
      lastConfirmedAt: null,
      unconfirmedPackages: 0,
      clockWarning: null,
    };
  const from = confirmedMark(core.sqlite);
  const counts = countChanges(core.sqlite, from);
  const last = q("SELECT max(created_at) AS at FROM station_exports WHERE kind = 'changes'")?.at as
    | string
    | null;
  const lastConfirmed = q(
    "SELECT max(confirmed_at) AS at FROM station_exports WHERE kind = 'changes' AND status = 'confirmed'",
  )?.at as string | null;
  const maxConfirmed = Number(
    q(
      "SELECT coalesce(max(seq), 0) AS n FROM station_exports WHERE kind = 'changes' AND status = 'confirmed'",
    )?.n,
  );
  const unconfirmed = (
    core.sqlite
      .prepare(
        "SELECT count(*) AS n FROM station_exports WHERE kind = 'changes' AND status = 'sent' AND seq > ?",
      )
      .get(maxConfirmed) as { n: number }
  ).n;
  const nowIso = core.clock.now().toISOString();
  const clockWarning =
    last && nowIso < last
      ? '이 PC의 시계가 마지막 꾸러미를 만든 때보다 이릅니다. 시계를 맞추지 않으면 고친 내용이 빠질 수 있습니다.'
      : null;
  return {
    applicable: true,
    total: totalOf(counts),
    counts,
    lastExportAt: last ?? null,
    lastConfirmedAt: lastConfirmed ?? null,
    unconfirmedPackages: unconfirmed,
    clockWarning,
  };
}

/** Everything since the last package HQ confirmed, as one signed and encrypted file. */
export async function exportChanges(
  core: Core,
  keys: StationKeys,
  passphrase: string,
  target: string | undefined,
  createdBy: string | null,
): Promise<WrittenFile & { seq: number; counts: ChangeCounts; subjects: number }> {
  const me = thisStation(core);
  requireKind(me, 'dong', '변경 꾸러미 만들기');
  const key = keys.own();
  const derived = await deriveKey(passphrase);
  const hq = keys.peers().find((p) => p.role === 'hq');
  const now = core.clock.now();
  const nowIso = now.toISOString();
  const sqlite = core.sqlite;
  const run = sqlite.transaction(() => {
    const from = confirmedMark(sqlite);
    const mark = currentMark(sqlite, nowIso);
    const set = collectChanges(sqlite, from);
    const seq = nextSeq(core);
    const body: ChangesBody = {
      format: 1,
      kind: 'changes',
      station: { id: me.id, code: me.code },
      seq,
      createdAt: nowIso,
      fromMark: from,
      mark,
      refs: refsOf(sqlite),
      subscribers: set.subscribers,
      consentEvents: set.consentEvents,
      intakeForms: set.intakeForms,
      suppressions: set.suppressions,
    };
    const bytes = seal(
      {
        kind: 'changes',
        from: { stationId: me.id, code: me.code, name: me.name },
        to: { stationId: hq?.remoteId ?? null },
        seq,
        createdAt: nowIso,
        counts: set.counts,
        keyFingerprint: key.fingerprint,
      },
      body,
      key.privateKey,
      derived,
    );
    const name = `sotong-${me.code}-${String(seq).padStart(4, '0')}-${seoulStamp(now)}.sotong`;
    const file = deliver(bytes, target, name);
    sqlite
      .prepare(
        `INSERT INTO station_exports (seq, kind, to_remote_id, created_at, from_mark, mark, counts, file_hash, file_name,
          bytes, status, created_by) VALUES (?, 'changes', ?, ?, ?, ?, ?, ?, ?, ?, 'sent', ?)`,
      )
      .run(
        seq,
        hq?.remoteId ?? null,
        nowIso,
        JSON.stringify(from),
        JSON.stringify(mark),
        JSON.stringify(set.counts),
        file.sha256,
        file.fileName,
        file.bytes,
        createdBy,
      );
    return { ...file, seq, counts: set.counts, subjects: set.subscribers.length };
  });
  return run.immediate();
}

export function outboundPackages(core: Core, keys: StationKeys, page: number, pageSize: number) {
  const total = (core.sqlite.prepare('SELECT count(*) AS n FROM station_exports').get() as { n: number }).n;
  const rows = core.sqlite
    .prepare(
      `SELECT seq, kind, to_remote_id AS toRemoteId, created_at AS createdAt, file_name AS fileName, bytes, counts,
        status, confirmed_at AS confirmedAt FROM station_exports ORDER BY seq DESC LIMIT ? OFFSET ?`,
    )
    .all(pageSize, (page - 1) * pageSize) as {
    seq: number;
    kind: 'changes' | 'reference';
    toRemoteId: string | null;
    createdAt: string;
    fileName: string;
    bytes: number;
    counts: string;
    status: 'sent' | 'confirmed';
    confirmedAt: string | null;
  }[];
  const items = rows.map(({ toRemoteId, counts, ...r }) => {
    const peer = toRemoteId ? keys.peer(toRemoteId) : undefined;
    return {
      ...r,
      counts: JSON.parse(counts) as Record<string, number>,
      to: peer ? { id: peer.localStationId, code: peer.code, name: peer.name } : null,
    };
  });
  return { items, total, page, pageSize };
}

/** HQ's receipt: the packages it applied move the confirmed mark; the next package starts there. */
export async function importReceipt(core: Core, keys: StationKeys, src: { path?: string; base64?: string }) {
  const me = thisStation(core);
  requireKind(me, 'dong', '수령증 가져오기');
  const { env } = verifiedEnvelope(readSource(src), keys, me, 'receipt');
  const parsed = receiptBody.safeParse(await readBody(env, null));
  if (!parsed.success) throw new AppError('FILE', MSG.badBody);
  const body = parsed.data;
  if (body.to !== me.id)
    throw new AppError('VALIDATION', '다른 접수처 앞으로 만든 수령증입니다. 아무것도 바꾸지 않았습니다.');
  const nowIso = core.clock.now().toISOString();
  const get = core.sqlite.prepare(
    "SELECT status FROM station_exports WHERE seq = ? AND kind = 'changes' AND file_hash = ?",
  );
  const confirm = core.sqlite.prepare(
    "UPDATE station_exports SET status = 'confirmed', confirmed_at = ? WHERE seq = ? AND kind = 'changes'",
  );
  const confirmed: number[] = [];
  let alreadyConfirmed = 0;
  let unknown = 0;
  core.sqlite.transaction(() => {
    for (const p of body.packages) {
      const row = get.get(p.seq, p.fileHash) as { status: string } | undefined;
      if (!row) unknown++;
      else if (row.status === 'confirmed') alreadyConfirmed++;
      else {
        confirm.run(nowIso, p.seq);
        confirmed.push(p.seq);
      }
    }
  })();
  const pendingTotal = totalOf(countChanges(core.sqlite, confirmedMark(core.sqlite)));
  return { confirmed: confirmed.sort((a, b) => a - b), alreadyConfirmed, unknown, pendingTotal };
}
