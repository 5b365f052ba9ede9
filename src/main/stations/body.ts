// What travels inside a package, validated on arrival even though the signature is good: a paired
// station running an older or broken build must not be able to write malformed rows at HQ.
import { z } from 'zod';
import { CONSENT_SOURCES } from '../db/schema/registry';

const str = z.string();
const nstr = z.string().nullable();
const nint = z.number().int().nullable();

/** Remote ids → codes, so that each side maps them onto its own reference rows. */
export const refsSchema = z.object({
  stations: z.array(
    z.object({
      id: str,
      code: str,
      name: str,
      kind: z.enum(['hq', 'dong']),
      dongCode: nstr,
      active: z.boolean(),
    }),
  ),
  fields: z.array(z.object({ id: z.number().int(), code: str })),
  dongs: z.array(z.object({ id: z.number().int(), code: str })),
  businessTypes: z.array(z.object({ id: z.number().int(), code: str })),
});
export type Refs = z.infer<typeof refsSchema>;

export const subscriberWire = z.object({
  id: str,
  kind: z.enum(['individual', 'business']),
  name: str,
  representative: nstr,
  businessTypeId: nint,
  mobile: nstr,
  phoneKind: z.enum(['mobile', 'withdrawn-mobile', 'landline', 'representative', 'invalid']).nullable(),
  email: nstr,
  emailInvalidAt: nstr,
  birthYear: nint,
  gender: z.enum(['M', 'F']).nullable(),
  dongId: nint,
  address: nstr,
  status: z.enum(['active', 'withdrawn']),
  note: nstr,
  stationId: nstr,
  createdBy: nstr,
  createdAt: str,
  updatedAt: str,
  version: z.number().int().min(1),
});
export type SubscriberWire = z.infer<typeof subscriberWire>;

export const consentWire = z.object({
  id: str,
  subscriberId: str,
  fieldId: z.number().int(),
  channel: z.enum(['sms', 'email']),
  action: z.enum(['granted', 'withdrawn', 'reconfirmed']),
  at: str,
  source: z.enum(CONSENT_SOURCES),
  formRef: nstr,
  stationId: nstr,
  userId: nstr,
  reason: nstr,
  evidence: nstr,
  createdAt: str,
});
export type ConsentWire = z.infer<typeof consentWire>;

export const formWire = z.object({
  id: str,
  formRef: str,
  subscriberId: str,
  stationId: nstr,
  kind: z.enum(['new', 'update']),
  signedAt: str,
  userId: nstr,
  createdAt: str,
});
export type FormWire = z.infer<typeof formWire>;

export const suppressionWire = z.object({
  id: str,
  channel: z.enum(['sms', 'email']),
  contactHash: z.string().regex(/^[0-9a-f]{64}$/),
  fieldId: nint,
  source: str,
  createdAt: str,
  liftedAt: nstr,
  liftedFormRef: nstr,
  liftedBy: nstr,
});
export type SuppressionWire = z.infer<typeof suppressionWire>;

/**
 * High-water marks: rowids catch every insert (even with a back-dated timestamp), the timestamps
 * catch updates of older rows (subscriber edits, lifted suppressions).
 */
export const markSchema = z.object({
  sub: z.object({ rowid: z.number().int(), at: str }),
  ev: z.object({ rowid: z.number().int() }),
  form: z.object({ rowid: z.number().int() }),
  supp: z.object({ rowid: z.number().int(), at: str }),
});
export type Mark = z.infer<typeof markSchema>;
export const ZERO_MARK: Mark = {
  sub: { rowid: 0, at: '' },
  ev: { rowid: 0 },
  form: { rowid: 0 },
  supp: { rowid: 0, at: '' },
};

export const changesBody = z.object({
  format: z.literal(1),
  kind: z.literal('changes'),
  station: z.object({ id: str, code: str }),
  seq: z.number().int(),
  createdAt: str,
  fromMark: markSchema,
  mark: markSchema,
  refs: refsSchema,
  subscribers: z.array(subscriberWire),
  consentEvents: z.array(consentWire),
  intakeForms: z.array(formWire),
  suppressions: z.array(suppressionWire),
});
export type ChangesBody = z.infer<typeof changesBody>;

export const referenceBody = z.object({
  format: z.literal(1),
  kind: z.literal('reference'),
  seq: z.number().int(),
  createdAt: str,
  refs: refsSchema,
  dongs: z.array(z.object({ code: str, name: str, sortOrder: z.number().int(), active: z.boolean() })),
  fields: z.array(
    z.object({
      code: str,
      name: str,
      kind: z.enum(['info', 'notice']),
      audience: z.enum(['individual', 'business']),
      isAdDefault: z.boolean(),
      isSurvey: z.boolean(),
      sortOrder: z.number().int(),
      active: z.boolean(),
    }),
  ),
  businessTypes: z.array(
    z.object({ code: str, name: str, sortOrder: z.number().int(), active: z.boolean() }),
  ),
  settings: z.record(z.string(), z.unknown()),
  suppressions: z.array(suppressionWire),
});
export type ReferenceBody = z.infer<typeof referenceBody>;

export const receiptBody = z.object({
  format: z.literal(1),
  kind: z.literal('receipt'),
  createdAt: str,
  /** the station's own id */
  to: str,
  packages: z.array(z.object({ seq: z.number().int(), fileHash: str, importedAt: str })),
  openConflicts: z.number().int(),
});
export type ReceiptBody = z.infer<typeof receiptBody>;
