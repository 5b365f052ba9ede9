// What the listener hands to the rest of the app. Other capabilities register here (campaigns:
// opens and delivery reports; opt-out: unsubscribes and inbound texts); the listener never writes
// their tables itself.

export interface UnsubscribeRequest {
  subscriberId: string;
  /** null = every field */
  fieldId: number | null;
  channel: 'email';
  source: 'email-link' | 'one-click';
  /** the link's token: clicking twice is one opt-out */
  token: string;
  outboxId: number;
  campaignId: string;
  at: Date;
}

export interface InboundSms {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
  smsc: string | null;
}

export interface DeliveryReport {
  /** the id the adapter put into dlr-url (e.g. the outbox token) */
  id: string;
  /** Kannel's %d: 1 delivered, 2 failed, 4 buffered, 8 submitted, 16 rejected */
  status: number;
  raw: Record<string, string>;
}

type Fn<A extends unknown[]> = (...args: A) => void | Promise<void>;

class Listeners<A extends unknown[]> {
  private fns = new Set<Fn<A>>();
  add(fn: Fn<A>): () => void {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
  get size(): number {
    return this.fns.size;
  }
  async emit(...args: A): Promise<void> {
    for (const fn of this.fns) await fn(...args);
  }
}

export class PublicHooks {
  private open = new Listeners<[outboxId: number, at: Date, userAgent: string | null]>();
  private unsub = new Listeners<[UnsubscribeRequest]>();
  private mo = new Listeners<[InboundSms]>();
  private dlr = new Listeners<[DeliveryReport]>();

  /** Register: the open pixel was fetched for this outbox row. Returns an unregister function. */
  onOpen(fn: Fn<[outboxId: number, at: Date, userAgent: string | null]>): () => void {
    return this.open.add(fn);
  }
  /** Register: a resident unsubscribed through the page or RFC 8058 one-click. Throwing answers 500. */
  onUnsubscribe(fn: Fn<[UnsubscribeRequest]>): () => void {
    return this.unsub.add(fn);
  }
  /** Register: Kannel forwarded an inbound text (MO). */
  onInboundSms(fn: Fn<[InboundSms]>): () => void {
    return this.mo.add(fn);
  }
  /** Register: Kannel delivered a delivery report (DLR). */
  onDeliveryReport(fn: Fn<[DeliveryReport]>): () => void {
    return this.dlr.add(fn);
  }

  has(kind: 'open' | 'unsubscribe' | 'inboundSms' | 'deliveryReport'): boolean {
    const l = { open: this.open, unsubscribe: this.unsub, inboundSms: this.mo, deliveryReport: this.dlr }[
      kind
    ];
    return l.size > 0;
  }

  emitOpen(outboxId: number, at: Date, userAgent: string | null): Promise<void> {
    return this.open.emit(outboxId, at, userAgent);
  }
  emitUnsubscribe(u: UnsubscribeRequest): Promise<void> {
    return this.unsub.emit(u);
  }
  emitInboundSms(m: InboundSms): Promise<void> {
    return this.mo.emit(m);
  }
  emitDeliveryReport(r: DeliveryReport): Promise<void> {
    return this.dlr.emit(r);
  }
}
