// The opt-out backend's public surface for the other modules (public listener, gateways, dispatcher).
import type { OptOutSourceName } from '../../shared/contract/optout';

/** One received opt-out message, however it arrived. */
export interface IncomingOptOut {
  /** the sender: a phone number in any common shape, or an e-mail address */
  from: string;
  text: string;
  /** message time; null/undefined = unknown (the ingest time is stored, flagged as such) */
  receivedAt?: string | Date | null;
  source: OptOutSourceName;
  /** file name, provider or source name */
  sourceDetail?: string | null;
  /** the provider's own message id: the dedupe key when given */
  providerId?: string | null;
}

/** An 080 opt-out list at a provider (Solapi GET /iam/v1/black?type=DENIAL, NHN /blockservice/…). */
export interface OptOutListSource {
  /** unique, shown to staff ('솔라피 080') */
  name: string;
  /** numbers that opted out since `since` (null = everything the provider keeps) */
  fetchNumbers(since: Date | null): Promise<{ number: string; at: string | Date }[]>;
}

/** A provider inbox of received messages (MO) that must be polled. */
export interface OptOutInboundSource {
  name: string;
  fetchMessages(
    since: Date | null,
  ): Promise<{ from: string; text: string; receivedAt: string | Date; providerId?: string | null }[]>;
}

/** What one applied opt-out did, for the dispatcher: skip these people's queued rows. */
export interface OptOutApplied {
  messageId: string;
  source: OptOutSourceName;
  /** message time (ISO) */
  at: string;
  entries: {
    subscriberId: string;
    channel: 'sms' | 'email';
    /** null = every field on the channel */
    fieldIds: number[] | null;
    /** the mobile digits or e-mail address that is now suppressed */
    address: string;
  }[];
}

/** A confirmation SMS or result notice waiting for the dispatcher. */
export interface PendingNotice {
  id: number;
  kind: 'confirmation' | 'result-notice';
  channel: 'sms' | 'email';
  address: string;
  body: string;
  dueAt: string;
}

/** The dispatcher registers one of these to send confirmations; results come back per row. */
export interface NoticeSender {
  send(rows: PendingNotice[]): Promise<{ id: number; ok: boolean; error?: string | null }[]>;
}
