import { randomUUID } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import type { SessionUser } from '../../shared/contract/auth';
import type { Role } from '../../shared/contract/define';
import type { UserRow } from '../../shared/contract/users';
import { checkPassword } from '../../shared/auth/passwordPolicy';
import { AppError } from '../../shared/errors';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/open';
import { dongs, users } from '../db/schema';

export type UserRecord = typeof users.$inferSelect;

export interface UserInput {
  username: string;
  displayName: string;
  role: Role;
  dongId: number | null;
  department: string | null;
  password: string;
  mustChangePassword: boolean;
}

export function toSessionUser(u: UserRecord): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    dongId: u.dongId,
    department: u.department,
    mustChangePassword: u.mustChangePassword,
  };
}

export class UsersService {
  constructor(
    private db: Db,
    private now: () => Date = () => new Date(),
  ) {}

  toRow(u: UserRecord): UserRow {
    const locked = !!u.lockedUntil && new Date(u.lockedUntil) > this.now();
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      dongId: u.dongId,
      department: u.department,
      active: u.active,
      locked,
      lockedUntil: locked ? u.lockedUntil : null,
      mustChangePassword: u.mustChangePassword,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
    };
  }

  count(): number {
    return this.db.select({ n: count() }).from(users).get()?.n ?? 0;
  }

  list(): UserRow[] {
    return this.db
      .select()
      .from(users)
      .orderBy(asc(users.username))
      .all()
      .map((u) => this.toRow(u));
  }

  byId(id: string): UserRecord | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  byUsername(username: string): UserRecord | undefined {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  /** A dong user belongs to exactly one dong; other roles to none. */
  private checkScope(role: Role, dongId: number | null): number | null {
    if (role === 'dong') {
      if (!dongId)
        throw new AppError('VALIDATION', '주민센터 사용자는 담당 행정동을 골라야 합니다.', {
          dongId: '담당 행정동을 고르세요.',
        });
      if (!this.db.select({ id: dongs.id }).from(dongs).where(eq(dongs.id, dongId)).get())
        throw new AppError('NOT_FOUND', '행정동을 찾을 수 없습니다.');
      return dongId;
    }
    return null;
  }

  private checkPolicy(password: string, username: string): void {
    const c = checkPassword(password, username);
    if (!c.ok) throw new AppError('PASSWORD_POLICY', c.message!, { password: c.message! });
  }

  async create(input: UserInput): Promise<UserRecord> {
    if (this.byUsername(input.username))
      throw new AppError('CONFLICT', '이미 있는 아이디입니다.', { username: '이미 있는 아이디입니다.' });
    this.checkPolicy(input.password, input.username);
    const dongId = this.checkScope(input.role, input.dongId);
    const at = this.now().toISOString();
    const passwordHash = await hashPassword(input.password);
    return this.db
      .insert(users)
      .values({
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        dongId,
        department: input.role === 'dept' ? input.department : null,
        passwordHash,
        mustChangePassword: input.mustChangePassword,
        createdAt: at,
        updatedAt: at,
        passwordChangedAt: at,
      })
      .returning()
      .get();
  }

  update(input: {
    id: string;
    displayName: string;
    role: Role;
    dongId: number | null;
    department: string | null;
    active: boolean;
  }): { before: UserRecord; after: UserRecord } {
    const before = this.byId(input.id);
    if (!before) throw new AppError('NOT_FOUND', '사용자를 찾을 수 없습니다.');
    const dongId = this.checkScope(input.role, input.dongId);
    if (before.role === 'admin' && (input.role !== 'admin' || !input.active) && this.activeAdmins() <= 1)
      throw new AppError('VALIDATION', '마지막 관리자의 권한은 바꾸거나 중지할 수 없습니다.');
    const after = this.db
      .update(users)
      .set({
        displayName: input.displayName,
        role: input.role,
        dongId,
        department: input.role === 'dept' ? input.department : null,
        active: input.active,
        updatedAt: this.now().toISOString(),
      })
      .where(eq(users.id, input.id))
      .returning()
      .get();
    return { before, after };
  }

  private activeAdmins(): number {
    return this.db
      .select()
      .from(users)
      .where(eq(users.role, 'admin'))
      .all()
      .filter((u) => u.active).length;
  }

  async setPassword(id: string, password: string, mustChange: boolean): Promise<UserRecord> {
    const u = this.byId(id);
    if (!u) throw new AppError('NOT_FOUND', '사용자를 찾을 수 없습니다.');
    this.checkPolicy(password, u.username);
    const at = this.now().toISOString();
    return this.db
      .update(users)
      .set({
        passwordHash: await hashPassword(password),
        mustChangePassword: mustChange,
        passwordChangedAt: at,
        updatedAt: at,
        failedLogins: 0,
        lockedUntil: null,
      })
      .where(eq(users.id, id))
      .returning()
      .get();
  }

  unlock(id: string): UserRecord {
    const u = this.db
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, updatedAt: this.now().toISOString() })
      .where(eq(users.id, id))
      .returning()
      .get();
    if (!u) throw new AppError('NOT_FOUND', '사용자를 찾을 수 없습니다.');
    return u;
  }

  recordFailure(
    u: UserRecord,
    threshold: number,
    lockMinutes: number,
  ): { locked: boolean; remaining: number } {
    const now = this.now();
    // An expired lock starts a fresh count.
    const base = u.lockedUntil && new Date(u.lockedUntil) <= now ? 0 : u.failedLogins;
    const failed = base + 1;
    const locked = failed >= threshold;
    this.db
      .update(users)
      .set({
        failedLogins: failed,
        lockedUntil: locked ? new Date(now.getTime() + lockMinutes * 60_000).toISOString() : null,
      })
      .where(eq(users.id, u.id))
      .run();
    return { locked, remaining: Math.max(0, threshold - failed) };
  }

  recordSuccess(id: string): UserRecord {
    return this.db
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: this.now().toISOString() })
      .where(eq(users.id, id))
      .returning()
      .get();
  }
}
