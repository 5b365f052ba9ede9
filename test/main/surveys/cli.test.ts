import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { campaignsOf } from '../../../src/main/campaigns/module';
import { sotong } from '../../support/cli';
import { makeTestCore, type TestCore } from '../../support/core';
import { definition, policyCustomers } from './helpers';

describe('sotong survey (CLI contract)', () => {
  let t: TestCore;
  let file: string;
  beforeAll(async () => {
    // the registry is prepared through the core, then the CLI works on the same file
    t = await makeTestCore({ now: new Date() });
    policyCustomers(t.core, 9, { email: false });
    campaignsOf(t.core).settings.update({ testGateway: { failureRate: 0, deliveryDelayMs: 0 } });
    const dongs = t.core.reference
      .list()
      .dongs.slice(0, 2)
      .map((d) => d.name);
    t.core.close();
    file = path.join(t.dir, 'survey.json');
    const day = 86_400_000;
    fs.writeFileSync(
      file,
      JSON.stringify({
        title: '동 주민센터 복지 설문',
        department: '자치행정과',
        definition: definition(),
        opensAt: new Date(Date.now() - day).toISOString(),
        closesAt: new Date(Date.now() + 30 * day).toISOString(),
        filters: { dongs },
        invitation: { channels: { email: false, sms: true } },
      }),
    );
  });
  afterAll(() => t.cleanup());

  test('create --publish, list, invite --sample, results, export', async () => {
    const db = t.dbPath;
    const created = sotong(['--db', db, 'survey', 'create', '--file', file, '--publish', '--json']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const s = created.json<{ id: string; status: string; filters: { dongIds: number[] } }>();
    expect(s.status).toBe('published');
    expect(s.filters.dongIds).toHaveLength(2);

    const list = sotong(['--db', db, 'survey', 'list', '--json']);
    expect(list.json()).toMatchObject([
      { id: s.id, title: '동 주민센터 복지 설문', status: 'published', participants: 0 },
    ]);

    // 6 of the 9 live in the two dongs; a sample of 4 (SMS at any hour: --confirm-night)
    const inv = sotong([
      '--db',
      db,
      'survey',
      'invite',
      s.id,
      '--sample',
      '4',
      '--seed',
      'x',
      '--confirm-night',
      '--wait-reports',
      '5',
      '--json',
    ]);
    expect(inv.stderr).toBe('');
    expect(inv.json()).toMatchObject({ newParticipants: 4, sms: 4, email: 0 });

    const res = sotong(['--db', db, 'survey', 'results', s.id, '--json']);
    const r = res.json<{
      funnel: { total: { invited: number; delivered: number; completed: number } };
      questions: { id: string }[];
    }>();
    expect(r.funnel.total).toMatchObject({ invited: 4, delivered: 4, completed: 0 });
    expect(r.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']);
    const human = sotong(['--db', db, 'survey', 'results', s.id]);
    expect(human.stdout).toContain('초대 4 → 전달 4');

    const out = path.join(t.dir, '결과.xlsx');
    const ex = sotong(['--db', db, 'survey', 'export', s.id, out]);
    expect(ex.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['요약', '응답']);

    const bad = sotong(['--db', db, 'survey', 'invite', 'nope', '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('설문을 찾을 수 없습니다');
    fs.writeFileSync(path.join(t.dir, 'bad.json'), JSON.stringify({ title: '', definition: { pages: [] } }));
    const badFile = sotong(['--db', db, 'survey', 'create', '--file', path.join(t.dir, 'bad.json')]);
    expect(badFile.code).toBe(1);
    expect(badFile.stderr).toMatch(/설문 파일이 올바르지 않습니다/);
  }, 300_000);
});
