import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sotong } from '../../support/cli';

describe('sotong sms / campaign (CLI contract)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-cli-camp-'));
  const db = path.join(dir, 'sotong.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('sms check --json → {bytes, class, unsupported}', () => {
    const r = sotong(['sms', 'check', '--text', '안녕하세요 😀 똠', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ bytes: 16, class: 'SMS', unsupported: ['😀', '똠'] });
    expect(sotong(['sms', 'check', '--text', '가'.repeat(46), '--json']).json()).toMatchObject({
      bytes: 92,
      class: 'LMS',
    });
    expect(sotong(['sms', 'check', '--text', 'a'.repeat(2001), '--json']).json()).toMatchObject({
      class: 'TOO_LONG',
    });
  }, 400_000);

  test('campaign create --file, send refused in Korean, status --json', () => {
    // An empty registry: the campaign is created, but sending it is refused in Korean.
    const file = path.join(dir, 'campaign.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: '3월 문화공연 안내',
        fields: ['culture'],
        channels: { sms: true },
        filters: { dongs: ['마장동'], ageBands: ['30s'] },
        sms: { text: '{이름}님, 3월 구민회관 공연 안내입니다.', appendSns: true },
      }),
    );
    const created = sotong(['--db', db, 'campaign', 'create', '--file', file, '--json']);
    expect(created.code).toBe(0);
    const { id, filters } = created.json<{ id: string; filters: { dongIds: number[] } }>();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(filters.dongIds).toHaveLength(1);

    const refused = sotong(['--db', db, 'campaign', 'send', id, '--json', '--confirm-night']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/받는 사람이 없습니다/);

    const status = sotong(['--db', db, 'campaign', 'status', id, '--json']);
    expect(status.code).toBe(0);
    expect(status.json()).toMatchObject({ id, status: 'draft', total: 0, channels: { sms: {}, email: {} } });

    const bad = sotong([
      '--db',
      db,
      'campaign',
      'create',
      '--file',
      file.replace('.json', '-nope.json'),
      '--json',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/캠페인 파일을 읽을 수 없습니다/);
  }, 400_000);
});
