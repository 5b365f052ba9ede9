import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { smsTemplate } from '../../../src/main/campaigns/compose';
import type { ReportModel } from '../../../src/shared/contract/reports';
import type { SnsChannelRow, SnsImportResult } from '../../../src/shared/contract/sns';
import { sotong } from '../../support/cli';
import { makeTestCore, type TestCore } from '../../support/core';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: new Date('2015-03-31T10:00:00+09:00') });
});
afterEach(() => t.cleanup());

const call = <T>(ch: string, input: unknown) => t.core.router.call(ch as never, input, t.cli) as Promise<T>;
const channels = () => call<SnsChannelRow[]>('sns.channels.list', {});

describe('SNS channels', () => {
  test("the seed's SNS links become the channel list; a new channel joins the links campaigns append", async () => {
    const seeded = await channels();
    expect(seeded.map((c) => [c.kind, c.name, c.url])).toEqual([
      ['twitter', '트위터', 'https://twitter.com/seongdonggu'],
      ['facebook', '페이스북', 'https://www.facebook.com/seongdonggu'],
      ['blog', '블로그', 'https://blog.naver.com/seongdonggu'],
    ]);
    const insta = await call<SnsChannelRow>('sns.channels.save', {
      kind: 'instagram',
      name: '인스타그램',
      url: 'https://www.instagram.com/seongdonggu',
    });
    expect(insta.inMessages).toBe(true);
    expect(t.core.settings.get().snsLinks.map((l) => l.name)).toEqual([
      '트위터',
      '페이스북',
      '블로그',
      '인스타그램',
    ]);
    // a channel kept out of messages, and one switched off, leave the links
    await call('sns.channels.save', { ...seeded[0], inMessages: false, latest: undefined });
    await call('sns.channels.save', { ...seeded[2], active: false, latest: undefined });
    expect(t.core.settings.get().snsLinks.map((l) => l.name)).toEqual(['페이스북', '인스타그램']);
    await expect(
      call('sns.channels.save', { kind: 'blog', name: '페이스북', url: 'https://example.com' }),
    ).rejects.toThrow(/같은 이름의 채널이 이미 있습니다/);
    await expect(call('sns.channels.save', { kind: 'blog', name: '새 블로그', url: 'blog' })).rejects.toThrow(
      /주소 형식이 올바르지 않습니다/,
    );
    // a restart does not seed again
    const again = (await import('../../../src/main/sns/service')).snsOf(t.core);
    again.seedFromSettings();
    expect((await call<SnsChannelRow[]>('sns.channels.list', { includeInactive: true })).length).toBe(4);
    const sms = smsTemplate(
      { isAd: false, smsText: '안내', smsSubject: '', appendSns: true, emailSubject: '', emailHtml: '' },
      t.core.settings.get(),
    );
    expect(sms).toContain('인스타그램 https://www.instagram.com/seongdonggu');
    expect(sms).not.toContain('twitter.com');
  });

  test('monthly figures typed in and imported from CSV and xlsx; bad rows reported in Korean', async () => {
    const [tw, fb, blog] = await channels();
    await call('sns.figures.save', { channelId: tw.id, month: '2015-01', followers: 3400, posts: 2500 });
    const csv = path.join(t.dir, 'sns.csv');
    fs.writeFileSync(
      csv,
      '\ufeff채널,월,팔로워·친구,게시물,방문자\n트위터,2015.02,"3,480",2530,\n페이스북,2015년 2월,3900,1840,\nblog.naver.com/seongdonggu,2015-02,,1390,38000\n없는채널,2015-02,1,1,1\n트위터,2015-13,1,1,1\n',
    );
    const r = await call<SnsImportResult>('sns.figures.import', { path: csv });
    expect(r).toEqual({
      rows: 5,
      imported: 3,
      problems: [
        { row: 5, message: '채널을 찾을 수 없습니다: 없는채널' },
        { row: 6, message: '월을 읽을 수 없습니다: 2015-13' },
      ],
    });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('SNS');
    ws.addRow(['채널', '월', '팔로워', '게시물', '방문자']);
    ws.addRow(['트위터', '2015-03', 3536, 2559, null]);
    ws.addRow(['페이스북', '2015-03', 3990, 1865, null]);
    ws.addRow(['블로그', '2015-03', null, 1407, 38796]);
    const xlsx = path.join(t.dir, 'sns.xlsx');
    await wb.xlsx.writeFile(xlsx);
    expect((await call<SnsImportResult>('sns.figures.import', { path: xlsx })).imported).toBe(3);
    const list = await channels();
    expect(list.find((c) => c.id === tw.id)?.latest).toEqual({
      month: '2015-03',
      followers: 3536,
      posts: 2559,
      visitors: null,
    });
    const figs = await call<{ month: string; followers: number | null }[]>('sns.figures.list', {
      channelId: tw.id,
    });
    expect(figs.map((f) => [f.month, f.followers])).toEqual([
      ['2015-01', 3400],
      ['2015-02', 3480],
      ['2015-03', 3536],
    ]);
    expect(
      (
        await call<{ visitors: number }[]>('sns.figures.list', {
          channelId: blog.id,
          from: '2015-02',
          to: '2015-02',
        })
      )[0].visitors,
    ).toBe(38000);
    expect(fb.kind).toBe('facebook');
  });

  test('SNS report: latest figures, change over the period, and this ward against the others (average, rank)', async () => {
    const [tw, fb, blog] = await channels();
    for (const [id, m, f, p, v] of [
      [tw.id, '2015-01', 3400, 2500, null],
      [tw.id, '2015-03', 3536, 2559, null],
      [fb.id, '2015-03', 3990, 1865, null],
      [blog.id, '2015-01', null, 1300, 30000],
      [blog.id, '2015-03', null, 1407, 38796],
    ] as const)
      await call('sns.figures.save', { channelId: id, month: m, followers: f, posts: p, visitors: v });
    // other wards (like the seed's attachment 3), this ward's own row included in the file
    const peers = path.join(t.dir, 'peers.csv');
    fs.writeFileSync(
      peers,
      '구,트위터 팔로워,페이스북 좋아요,블로그 방문자\n강남구,20000,3000,900000\n송파구,9000,500,300000\n성동구,3536,3990,38796\n평균,,,\n',
    );
    const imp = await call<SnsImportResult>('sns.peers.import', { path: peers, asOf: '2015-03' });
    expect(imp).toMatchObject({ rows: 3, imported: 3, problems: [] });
    const m = await call<ReportModel>('reports.run', {
      name: 'sns',
      from: '2015-01-01',
      to: '2015-03-31',
      filters: {},
    });
    const now = m.sections.find((s) => s.title === '채널별 현황')!;
    expect(now.rows.map((r) => [r.name, r.followers, r.posts, r.visitors, r.change])).toEqual([
      ['트위터', 3536, 2559, null, 136],
      ['페이스북', 3990, 1865, null, 0],
      ['블로그', null, 1407, 38796, 8796],
    ]);
    const cmp = m.sections.find((s) => s.title === '다른 구와 비교')!;
    expect(cmp.rows).toEqual([
      {
        kind: '트위터 팔로워',
        mine: 3536,
        average: Math.round((20000 + 9000 + 3536) / 3),
        ratio: 3536 / ((20000 + 9000 + 3536) / 3),
        rank: 3,
        wards: 3,
        running: 3,
      },
      expect.objectContaining({ kind: '페이스북 좋아요', mine: 3990, rank: 1 }),
      expect.objectContaining({
        kind: '블로그 방문자',
        mine: 38796,
        rank: 3,
        average: Math.round((900000 + 300000 + 38796) / 3),
      }),
    ]);
    const monthly = m.sections.find((s) => s.title === '월별 팔로워·친구')!;
    expect(monthly.rows.map((r) => r[`c${tw.id}`])).toEqual([3400, null, 3536]);
    expect(m.charts[0].series.map((s) => s.label)).toEqual(['트위터', '페이스북']);
  });

  test('CLI: sns add, figures, list and import', async () => {
    const db = ['--db', t.dbPath, '--json'];
    const add = sotong([
      ...db,
      'sns',
      'add',
      '카카오톡 채널',
      'https://pf.kakao.com/_seongdong',
      '--opened',
      '2015-01',
    ]);
    expect(add.code).toBe(0);
    const ch = add.json<SnsChannelRow>();
    expect(ch).toMatchObject({ kind: 'kakao', openedIn: '2015-01', inMessages: true });
    expect(sotong([...db, 'sns', 'figures', String(ch.id), '2015-03', '--followers', '120']).code).toBe(0);
    const list = sotong([...db, 'sns', 'list']).json<SnsChannelRow[]>();
    expect(list.find((c) => c.id === ch.id)?.latest).toMatchObject({ month: '2015-03', followers: 120 });
    const csv = path.join(t.dir, 'k.csv');
    fs.writeFileSync(csv, '채널,월,친구\n카카오톡 채널,2015-04,150\n');
    expect(sotong([...db, 'sns', 'import', csv]).json<SnsImportResult>()).toMatchObject({ imported: 1 });
    const bad = sotong(['--db', t.dbPath, 'sns', 'figures', String(ch.id), '2015-3']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('월은 YYYY-MM 형식이어야 합니다');
  }, 120_000);
});
