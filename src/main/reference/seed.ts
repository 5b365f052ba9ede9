import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/open';
import { businessTypes, dongs, fields, stations } from '../db/schema';
import type { SettingsService } from '../settings/service';

const seedSchema = z.object({
  wardName: z.string(),
  hq: z.object({ code: z.string(), name: z.string() }),
  dongs: z.array(z.object({ code: z.string(), name: z.string() })),
  fields: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['info', 'notice']),
      audience: z.enum(['individual', 'business']),
      isAdDefault: z.boolean().optional(),
      isSurvey: z.boolean().optional(),
    }),
  ),
  businessTypes: z.array(z.object({ code: z.string(), name: z.string() })),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type WardSeed = z.infer<typeof seedSchema>;

export function defaultSeedFile(): string {
  const candidates = [
    process.env.SOTONG_SEED,
    path.resolve(__dirname, '../../../assets/seed/seongdong-gu.json'),
    path.join(__dirname, 'assets', 'seed', 'seongdong-gu.json'),
    path.join(
      (process as { resourcesPath?: string }).resourcesPath ?? '',
      'assets',
      'seed',
      'seongdong-gu.json',
    ),
  ].filter(Boolean) as string[];
  const f = candidates.find((c) => fs.existsSync(c));
  if (!f) throw new Error('ward seed file not found');
  return f;
}

export function loadSeed(file: string): WardSeed {
  return seedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * Fills empty reference tables from a ward's seed file (the shipped default is Seongdong-gu's).
 * After the first run everything here is ordinary data that staff edit in 설정.
 */
export function seedReferenceData(db: Db, settings: SettingsService, seed: WardSeed): boolean {
  const has = db.select({ id: dongs.id }).from(dongs).limit(1).all();
  if (has.length > 0) return false;
  db.transaction((tx) => {
    seed.dongs.forEach((d, i) => {
      tx.insert(dongs)
        .values({ code: d.code, name: d.name, sortOrder: i + 1 })
        .run();
    });
    seed.fields.forEach((f, i) => {
      tx.insert(fields)
        .values({
          ...f,
          isAdDefault: f.isAdDefault ?? false,
          isSurvey: f.isSurvey ?? false,
          sortOrder: i + 1,
        })
        .run();
    });
    seed.businessTypes.forEach((b, i) => {
      tx.insert(businessTypes)
        .values({ code: b.code, name: b.name, sortOrder: i + 1 })
        .run();
    });
    tx.insert(stations)
      .values({ id: randomUUID(), code: seed.hq.code, name: seed.hq.name, kind: 'hq' })
      .run();
    const dongRows = tx.select().from(dongs).all();
    for (const d of dongRows) {
      tx.insert(stations)
        .values({
          id: randomUUID(),
          code: `S${d.code}`,
          name: `${d.name} 주민센터`,
          kind: 'dong',
          dongId: d.id,
        })
        .run();
    }
  });
  settings.update({ wardName: seed.wardName, ...(seed.settings ?? {}) });
  return true;
}
