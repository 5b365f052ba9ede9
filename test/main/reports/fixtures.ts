import { randomUUID } from 'node:crypto';
import type { Core } from '../../../src/main/core/core';

export interface YearSpec {
  year: number;
  campaigns: number;
  sms: number;
  lms: number;
  email: number;
  /** LMS rows that failed */
  failed?: number;
}

/**
 * The seed's send table (2012–2015, domain.md §1) divided by 100 and rounded: the same shape at a
 * size a unit test can write. Each year: one SMS-class campaign carries the 단문, one LMS-class
 * campaign the 장문 and the e-mail, the rest are campaigns that reached nobody.
 */
export const SEED_TABLE_1_100: YearSpec[] = [
  { year: 2012, campaigns: 7, sms: 1779, lms: 271, email: 0 },
  { year: 2013, campaigns: 58, sms: 3940, lms: 7741, email: 5569 },
  { year: 2014, campaigns: 133, sms: 1059, lms: 12874, email: 6000, failed: 1000 },
  { year: 2015, campaigns: 11, sms: 412, lms: 399, email: 369 },
];

/** Writes campaigns and outbox rows as the dispatcher leaves them (delivered / accepted / failed). */
export function writeSendHistory(core: Core, years: YearSpec[], fieldId: number): void {
  const db = core.sqlite;
  const camp = db.prepare(
    `INSERT INTO campaigns (id, name, kind, status, sms_enabled, email_enabled, field_ids, filters, sms_class,
       created_at, updated_at, launched_at, finished_at)
     VALUES (?, ?, 'info', 'done', 1, 1, ?, '{}', ?, ?, ?, ?, ?)`,
  );
  const row = db.prepare(
    `INSERT INTO outbox (campaign_id, channel, address, status, token, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  db.transaction(() => {
    for (const y of years) {
      for (let i = 0; i < y.campaigns; i++) {
        const id = randomUUID();
        // spread over the months of the year (March only for 2015, "to March")
        const month = y.year === 2015 ? 1 + (i % 3) : 1 + (i % 12);
        const at = new Date(Date.UTC(y.year, month - 1, 10, 1)).toISOString();
        camp.run(
          id,
          `${y.year}년 캠페인 ${i + 1}`,
          JSON.stringify([fieldId]),
          i === 1 ? 'LMS' : 'SMS',
          at,
          at,
          at,
          at,
        );
        const put = (channel: 'sms' | 'email', count: number, failed = 0) => {
          for (let k = 0; k < count; k++)
            row.run(
              id,
              channel,
              channel === 'sms' ? `010${String(n).padStart(8, '0')}` : `u${n}@example.com`,
              k < failed ? 'failed' : channel === 'sms' ? 'delivered' : 'accepted',
              `t${n++}`,
              at,
              at,
            );
        };
        if (i === 0) put('sms', y.sms);
        if (i === 1) {
          put('sms', y.lms, y.failed ?? 0);
          put('email', y.email);
        }
      }
    }
  })();
}
