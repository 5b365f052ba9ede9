// A token bucket per client address. Valid links cost 1, misses cost more (guessing tokens is
// what the limit is for); the map is bounded so a flood of addresses cannot grow it without end.

export interface RateLimitOptions {
  /** burst size */
  capacity: number;
  /** tokens added per second */
  refillPerSecond: number;
  /** most addresses remembered */
  maxClients?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 120, refillPerSecond: 2, maxClients: 10_000 };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(
    private opts: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private now: () => number = () => Date.now(),
  ) {}

  private bucket(key: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.opts.capacity, at: t };
      if (this.buckets.size >= (this.opts.maxClients ?? 10_000)) {
        // forget the oldest (Map keeps insertion order)
        const first = this.buckets.keys().next().value;
        if (first !== undefined) this.buckets.delete(first);
      }
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.opts.capacity, b.tokens + ((t - b.at) / 1000) * this.opts.refillPerSecond);
      b.at = t;
    }
    return b;
  }

  /** True when the client may go on; false when it must wait. */
  allow(key: string): boolean {
    return this.bucket(key).tokens >= 1;
  }

  /** Takes `cost` tokens (may go below zero: a flood of misses waits longer). */
  charge(key: string, cost = 1): void {
    this.bucket(key).tokens -= cost;
  }
}
