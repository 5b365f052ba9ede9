/**
 * One interface for every SMS gateway (test, Solapi, NHN Cloud, Kannel…). The dispatcher claims
 * outbox rows before calling sendBatch, passes each row's token as the idempotency key, and after a
 * crash asks queryStatus what became of rows it had claimed.
 */

export interface SmsMessage {
  /** idempotency key (the outbox row's token): a gateway that honours it never sends a key twice */
  key: string;
  /** recipient, digits only (010…) */
  to: string;
  /** pre-registered sender number, digits only */
  from: string;
  text: string;
  /** LMS subject; SMS has none */
  subject: string | null;
  class: 'SMS' | 'LMS';
  isAd: boolean;
  /** which try this is (1 = first), when the caller knows: first tries need no lookup at the provider */
  attempt?: number;
}

export type SendOutcome = 'accepted' | 'delivered' | 'failed';

export interface SendResult {
  key: string;
  /** accepted = handed to the provider; delivered/failed may come at once or later by queryStatus */
  status: SendOutcome;
  providerId?: string | null;
  /** the provider's own code, kept as evidence */
  code?: string | null;
  /** Korean reason for failed */
  reason?: string | null;
  /** a failure worth retrying later (throttled, temporary network trouble at the provider) */
  retryable?: boolean;
}

export interface DeliveryStatus {
  key: string;
  /** unknown = the gateway never received this key (safe to send it again) */
  status: 'unknown' | 'accepted' | 'delivered' | 'failed';
  providerId?: string | null;
  code?: string | null;
  reason?: string | null;
}

export interface GatewayInfo {
  name: string;
  /** false: nothing leaves this computer */
  real: boolean;
  notice: string;
}

/** A whole-batch failure (network, auth, provider down). */
export class GatewayError extends Error {
  constructor(
    message: string,
    /** Korean, for people */
    readonly reason: string,
    readonly opts: {
      /** worth retrying with backoff */
      transient: boolean;
      /** the request may have reached the provider (a timeout after sending) */
      ambiguous?: boolean;
      code?: string;
    },
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface SmsGateway {
  describe(): GatewayInfo;
  /** most messages one sendBatch call may carry */
  readonly maxBatch: number;
  /** a repeated key is answered with the original result instead of being sent again */
  readonly honoursIdempotencyKey: boolean;
  /** false when the provider cannot be asked about a message by key */
  readonly canQueryStatus: boolean;
  /** one result per message, in any order; throws GatewayError when the whole batch failed */
  sendBatch(messages: SmsMessage[]): Promise<SendResult[]>;
  /** current state of each key (for delivery reports and crash reconciliation) */
  queryStatus(keys: string[]): Promise<DeliveryStatus[]>;
}
