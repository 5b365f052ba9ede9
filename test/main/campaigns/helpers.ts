import type { Core } from '../../../src/main/core/core';
import type { NewSubscriber } from '../../../src/main/subscribers/repository';
import type { CampaignDraft } from '../../../src/shared/contract/campaigns';

export function fieldId(core: Core, code: string): number {
  const f = core.reference.list().fields.find((x) => x.code === code);
  if (!f) throw new Error(`no field ${code}`);
  return f.id;
}

export function dongId(core: Core, name: string): number {
  const d = core.reference.list().dongs.find((x) => x.name === name);
  if (!d) throw new Error(`no dong ${name}`);
  return d.id;
}

export interface PersonSpec extends Partial<NewSubscriber> {
  name: string;
  /** field codes consented per channel */
  smsFields?: string[];
  emailFields?: string[];
}

/** Inserts people through the registry's own write path (subscriberRepo). */
export function addPeople(core: Core, people: PersonSpec[]): string[] {
  const repo = core.subscriberRepo;
  return repo.transaction(() =>
    people.map((p) => {
      const { smsFields: sms = [], emailFields: email = [], ...rest } = p;
      const mobile = rest.mobile ?? null;
      const s = repo.insert({
        kind: 'individual',
        representative: null,
        businessTypeId: null,
        email: null,
        birthYear: null,
        gender: null,
        dongId: null,
        address: null,
        note: null,
        stationId: null,
        createdBy: null,
        ...rest,
        mobile,
        phoneKind:
          rest.phoneKind ??
          (mobile
            ? /^010\d{8}$/.test(mobile)
              ? 'mobile'
              : /^01[16789]/.test(mobile)
                ? 'withdrawn-mobile'
                : 'landline'
            : null),
      });
      const events = [
        ...sms.map((code) => ({ channel: 'sms' as const, code })),
        ...email.map((code) => ({ channel: 'email' as const, code })),
      ].map((e) => ({
        subscriberId: s.id,
        fieldId: fieldId(core, e.code),
        channel: e.channel,
        action: 'granted' as const,
        at: '2025-01-01T00:00:00.000Z',
        source: 'paper' as const,
      }));
      repo.appendConsent(events);
      return s.id;
    }),
  );
}

/** n people consenting to `code` on SMS (and email when withEmail), numbered mobiles. */
export function addMany(
  core: Core,
  n: number,
  code: string,
  opts: { withEmail?: boolean; start?: number } = {},
): void {
  const start = opts.start ?? 0;
  const people: PersonSpec[] = [];
  for (let i = 0; i < n; i++) {
    const k = start + i;
    people.push({
      name: `주민${k}`,
      mobile: `010${String(10000000 + k).slice(-8)}`,
      email: opts.withEmail ? `user${k}@example.com` : null,
      smsFields: [code],
      emailFields: opts.withEmail ? [code] : [],
    });
  }
  addPeople(core, people);
}

/** A campaign draft with everything defaulted; override what the test is about. */
export function draft(core: Core, over: Partial<CampaignDraft> & { fields?: string[] } = {}): CampaignDraft {
  const { fields = ['culture'], ...rest } = over;
  return {
    name: '시험 캠페인',
    kind: 'info',
    fieldIds: fields.map((f) => fieldId(core, f)),
    channels: { sms: true, email: false },
    filters: { dongIds: [], ageBands: [], genders: [], businessTypeIds: [], kinds: [] },
    sms: { text: '{이름}님, 구민회관 공연 안내입니다.', subject: '', appendSns: false },
    email: { subject: '', html: '' },
    templateId: null,
    ...rest,
  };
}
