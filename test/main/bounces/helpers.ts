import { randomUUID } from 'node:crypto';
import type { Core } from '../../../src/main/core/core';
import { newPublicToken } from '../../../src/main/public/tokens';
import type { SubscriberRecord } from '../../../src/main/subscribers/repository';

export function fieldIdOf(core: Core, name: string): number {
  const f = core.reference.list().fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f.id;
}

/** A person with e-mail consent to the named fields, and the paper form they signed at a station. */
export function addPerson(
  core: Core,
  p: { name: string; email: string; mobile?: string; fields: string[]; dong?: string; formRef?: string },
): SubscriberRecord {
  const repo = core.subscriberRepo;
  const ref = core.reference.list();
  const dong = p.dong ? ref.dongs.find((d) => d.name === p.dong) : ref.dongs[0];
  const station = ref.stations.find((s) => s.dongId === dong?.id) ?? ref.stations[0];
  return repo.transaction(() => {
    const s = repo.insert({
      kind: 'individual',
      name: p.name,
      representative: null,
      businessTypeId: null,
      mobile: p.mobile ?? null,
      phoneKind: p.mobile ? 'mobile' : null,
      email: p.email,
      birthYear: 1975,
      gender: 'F',
      dongId: dong?.id ?? null,
      address: null,
      note: null,
      stationId: station?.id ?? null,
      createdBy: null,
    });
    repo.appendConsent(
      p.fields.map((f) => ({
        subscriberId: s.id,
        fieldId: fieldIdOf(core, f),
        channel: 'email' as const,
        action: 'granted' as const,
        at: '2025-01-10T01:00:00.000Z',
        source: 'paper' as const,
      })),
    );
    if (p.formRef)
      repo.recordForm({
        formRef: p.formRef,
        subscriberId: s.id,
        stationId: station?.id ?? null,
        kind: 'new',
        signedAt: '2025-01-10',
        userId: null,
      });
    return s;
  });
}

/**
 * One sent e-mail as the campaigns engineer's outbox holds it (campaign + outbox row, written
 * with plain SQL so these tests follow their table, not their code).
 */
export function addSentEmail(
  core: Core,
  o: {
    subscriberId: string | null;
    address: string;
    fieldIds: number[];
    token?: string;
    campaignName?: string;
  },
): { token: string; outboxId: number; campaignId: string } {
  const token = o.token ?? newPublicToken();
  const campaignId = randomUUID();
  const at = core.clock.now().toISOString();
  core.sqlite
    .prepare(
      `INSERT INTO campaigns (id, name, kind, status, email_enabled, field_ids, filters, created_at, updated_at)
       VALUES (?, ?, 'info', 'done', 1, ?, '{}', ?, ?)`,
    )
    .run(campaignId, o.campaignName ?? '3월 문화공연 안내', JSON.stringify(o.fieldIds), at, at);
  const outboxId = Number(
    core.sqlite
      .prepare(
        `INSERT INTO outbox (campaign_id, channel, subscriber_id, address, status, token, created_at, updated_at, sent_at)
         VALUES (?, 'email', ?, ?, 'accepted', ?, ?, ?, ?)`,
      )
      .run(campaignId, o.subscriberId, o.address, token, at, at, at).lastInsertRowid,
  );
  return { token, outboxId, campaignId };
}

/** A real DSN (RFC 3464) as Postfix writes it, sent to our VERP address. */
export function postfixDsn(o: {
  verp: string | null;
  recipient: string;
  status: string;
  diagnostic: string;
  messageId?: string;
  /** Message-Id of the returned original */
  originalMessageId?: string;
  /** the DSN's Original-Envelope-Id (the ENVID the sender asked for) */
  envelopeId?: string;
  /** X-Sotong-Token of the returned headers */
  sotongToken?: string;
  date?: string;
}): Buffer {
  const action = o.status.startsWith('5') ? 'failed' : 'delayed';
  return Buffer.from(
    `Return-Path: <>
Delivered-To: ${o.verp ?? 'bounces@news.example.go.kr'}
Date: ${o.date ?? 'Mon, 2 Mar 2026 10:15:00 +0900 (KST)'}
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${o.verp ?? 'bounces@news.example.go.kr'}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="B0UND.1/mx.example.net"
Message-Id: <${o.messageId ?? `${randomUUID()}@mx.example.net`}>

This is a MIME-encapsulated message.

--B0UND.1/mx.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<${o.recipient}>: host mx.example.net said: ${o.diagnostic}

--B0UND.1/mx.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
${o.envelopeId ? `Original-Envelope-Id: ${o.envelopeId}\n` : ''}Arrival-Date: Mon, 2 Mar 2026 10:14:59 +0900 (KST)

Final-Recipient: rfc822; ${o.recipient}
Original-Recipient: rfc822;${o.recipient}
Action: ${action}
Status: ${o.status}
Diagnostic-Code: smtp; ${o.diagnostic}

--B0UND.1/mx.example.net
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <${o.verp ?? 'bounces@news.example.go.kr'}>
From: =?UTF-8?B?7ISx64+Z6rWs?= <news@news.example.go.kr>
To: ${o.recipient}
Subject: =?UTF-8?B?66y47ZmU6rO17Jew?=
Message-Id: <${o.originalMessageId ?? 'campaign-1@news.example.go.kr'}>
${o.sotongToken ? `X-Sotong-Token: ${o.sotongToken}` : 'X-Mailer: test'}

--B0UND.1/mx.example.net--
`.replace(/\n/g, '\r\n'),
  );
}
