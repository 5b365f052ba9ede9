import { z } from 'zod';
import { channel, empty } from './define';

export const systemChannels = {
  'system.info': channel({
    summary: '프로그램·데이터 위치 정보',
    access: 'authenticated',
    input: empty,
    output: z.object({
      version: z.string(),
      dbPath: z.string(),
      backupDir: z.string(),
      stationId: z.string().nullable(),
      stationName: z.string().nullable(),
      mode: z.enum(['electron', 'web', 'cli']),
    }),
  }),
  'system.backup': channel({
    summary: '지금 백업',
    access: ['admin'],
    input: empty,
    output: z.object({ file: z.string(), bytes: z.number().int() }),
  }),
  'system.backups': channel({
    summary: '백업 목록',
    access: ['admin'],
    input: empty,
    output: z.object({
      items: z.array(z.object({ file: z.string(), bytes: z.number().int(), at: z.string() })),
    }),
  }),
  'dashboard.summary': channel({
    summary: '첫 화면 요약 수치',
    access: 'authenticated',
    input: empty,
    output: z.object({
      users: z.number().int(),
      lockedUsers: z.number().int(),
      auditToday: z.number().int(),
      /** later capabilities add their own tiles here; keys are stable */
      tiles: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          value: z.number(),
          unit: z.string(),
          link: z.string().nullable(),
        }),
      ),
    }),
  }),
};
