import { randomBytes } from 'node:crypto';

interface Session {
  userId: string;
  createdAt: number;
  lastSeen: number;
}

/**
 * Sessions live in the main process only; the renderer (or browser cookie) holds an opaque
 * token. An idle session expires after the configured minutes (개인정보 안전성 확보조치: 자동 접속 차단).
 */
export class SessionStore {
  private sessions = new Map<string, Session>();
  constructor(
    private idleMinutes: () => number,
    private now: () => number = Date.now,
  ) {}

  create(userId: string): string {
    const token = randomBytes(32).toString('base64url');
    const t = this.now();
    this.sessions.set(token, { userId, createdAt: t, lastSeen: t });
    return token;
  }

  /** Returns the user id, or 'expired' / null; a live session's idle clock restarts. */
  touch(token: string | null | undefined): string | 'expired' | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    const t = this.now();
    if (t - s.lastSeen > this.idleMinutes() * 60_000) {
      this.sessions.delete(token);
      return 'expired';
    }
    s.lastSeen = t;
    return s.userId;
  }

  destroy(token: string | null | undefined): void {
    if (token) this.sessions.delete(token);
  }

  destroyUser(userId: string): void {
    for (const [k, s] of this.sessions) if (s.userId === userId) this.sessions.delete(k);
  }
}
