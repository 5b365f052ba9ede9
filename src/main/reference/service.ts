import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { businessTypes, dongs, fields, stations } from '../db/schema';

/** Dongs, fields, business types and stations: the ward's own lists, edited in 설정. */
export class ReferenceService {
  constructor(private db: Db) {}

  list() {
    return {
      dongs: this.db.select().from(dongs).orderBy(asc(dongs.sortOrder), asc(dongs.id)).all(),
      fields: this.db.select().from(fields).orderBy(asc(fields.sortOrder), asc(fields.id)).all(),
      businessTypes: this.db.select().from(businessTypes).orderBy(asc(businessTypes.sortOrder)).all(),
      stations: this.db.select().from(stations).orderBy(asc(stations.kind), asc(stations.code)).all(),
    };
  }

  station(id: string | null) {
    if (!id) return null;
    return this.db.select().from(stations).where(eq(stations.id, id)).get() ?? null;
  }

  dong(id: number) {
    return this.db.select().from(dongs).where(eq(dongs.id, id)).get() ?? null;
  }

  saveDong(input: ParsedInput<'reference.saveDong'>) {
    const { id, ...v } = input;
    if (id) {
      const row = this.db.update(dongs).set(v).where(eq(dongs.id, id)).returning().get();
      if (!row) throw new AppError('NOT_FOUND', '행정동을 찾을 수 없습니다.');
      return row;
    }
    return this.db.insert(dongs).values(v).returning().get();
  }

  saveField(input: ParsedInput<'reference.saveField'>) {
    const { id, ...v } = input;
    if (id) {
      const row = this.db.update(fields).set(v).where(eq(fields.id, id)).returning().get();
      if (!row) throw new AppError('NOT_FOUND', '분야를 찾을 수 없습니다.');
      return row;
    }
    return this.db.insert(fields).values(v).returning().get();
  }

  saveBusinessType(input: ParsedInput<'reference.saveBusinessType'>) {
    const { id, ...v } = input;
    if (id) {
      const row = this.db.update(businessTypes).set(v).where(eq(businessTypes.id, id)).returning().get();
      if (!row) throw new AppError('NOT_FOUND', '업종을 찾을 수 없습니다.');
      return row;
    }
    return this.db.insert(businessTypes).values(v).returning().get();
  }

  saveStation(input: ParsedInput<'reference.saveStation'>) {
    const { id, ...v } = input;
    if (v.kind === 'dong' && !v.dongId)
      throw new AppError('VALIDATION', '주민센터 접수처는 행정동을 골라야 합니다.');
    if (v.dongId && !this.dong(v.dongId)) throw new AppError('NOT_FOUND', '행정동을 찾을 수 없습니다.');
    if (id) {
      const row = this.db.update(stations).set(v).where(eq(stations.id, id)).returning().get();
      if (!row) throw new AppError('NOT_FOUND', '접수처를 찾을 수 없습니다.');
      return row;
    }
    return this.db
      .insert(stations)
      .values({ id: randomUUID(), ...v })
      .returning()
      .get();
  }
}
