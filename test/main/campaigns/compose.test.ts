import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { htmlToText, isNight, smsTemplate } from '../../../src/main/campaigns/compose';
import { campaignsOf } from '../../../src/main/campaigns/module';
import type { PreviewOutput } from '../../../src/shared/contract/campaigns';
import { countSmsBytes } from '../../../src/shared/text/smsBytes';
import { makeTestCore, type TestCore } from '../../support/core';
import { addPeople, draft } from './helpers';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
  t.core.settings.update({
    optOutNumber: '02-2286-5114',
    optOutLine: '수신거부 문자 {번호}',
    adOptOutNumber: '080-123-4567',
    senderName: '성동구청',
    snsLinks: [{ name: '블로그', url: 'https://blog.naver.com/sd' }],
    prices: { sms: 20, lms: 50, mms: 200 },
  });
});
afterEach(() => t.cleanup());

const preview = (d: ReturnType<typeof draft>) =>
  t.core.router.call('campaigns.preview', { draft: d }, t.cli) as Promise<PreviewOutput>;

describe('composed SMS', () => {
  test('the opt-out line is always appended and counted', async () => {
    addPeople(t.core, [{ name: '김철수', mobile: '01012345678', smsFields: ['culture'] }]);
    const p = await preview(
      draft(t.core, { sms: { text: '{이름}님 공연 안내', subject: '', appendSns: false } }),
    );
    expect(p.sms!.text).toBe('김철수님 공연 안내\n수신거부 문자 02-2286-5114');
    // 김철수님(8) + ' '(1) + 공연(4) + ' '(1) + 안내(4) + LF(1) + 수신거부(8) + ' '(1) + 문자(4) + ' '(1) + 12 = 45
    expect(p.sms!.bytes).toBe(45);
    expect(p.sms!.bytes).toBe(countSmsBytes(p.sms!.text).bytes);
    expect(p.sms!.class).toBe('SMS');
    expect(p.sms!.cost).toBe(20);
  });

  test('ad: (광고)+sender first, SNS links, opt-out line and the free 080 line; counted as sent', async () => {
    addPeople(t.core, [{ name: '김철수', mobile: '01012345678', smsFields: ['culture'] }]);
    const p = await preview(
      draft(t.core, { isAd: true, sms: { text: '할인 공연', subject: '공연', appendSns: true } }),
    );
    expect(p.sms!.text).toBe(
      '(광고)성동구청\n할인 공연\n블로그 https://blog.naver.com/sd\n수신거부 문자 02-2286-5114\n무료수신거부 080-123-4567',
    );
    expect(p.sms!.bytes).toBe(countSmsBytes(p.sms!.text).bytes);
    expect(p.sms!.bytes).toBeGreaterThan(90);
    expect(p.sms!.class).toBe('LMS');
    expect(p.sms!.subject).toBe('공연');
    expect(p.sms!.unitPrice).toBe(50);
  });

  test('placeholders are counted at the worst case over the actual recipients', async () => {
    addPeople(t.core, [
      { name: '이', mobile: '01000000001', smsFields: ['culture'] },
      { name: '남궁가나다라마바', mobile: '01000000002', smsFields: ['culture'] },
      { name: '이름이아주긴사람은다른분야', mobile: '01000000003', smsFields: ['health'] },
    ]);
    const text = '{이름}님 안녕하세요. 이번 달 구민회관 공연은 토요일 오후 세 시에 시작합니다.';
    const p = await preview(draft(t.core, { sms: { text, subject: '', appendSns: false } }));
    const longest = countSmsBytes(
      smsTemplate(
        {
          isAd: false,
          smsText: text.replace('{이름}', '남궁가나다라마바'),
          smsSubject: '',
          appendSns: false,
          emailSubject: '',
          emailHtml: '',
        },
        t.core.settings.get(),
      ),
    ).bytes;
    expect(p.sms!.worstCaseBytes).toBe(longest);
    // The sample may be short, but the class follows the longest real name.
    expect(p.sms!.worstCaseBytes).toBeGreaterThan(90);
    expect(p.sms!.class).toBe('LMS');
    expect(p.sms!.recipients).toBe(2);
    expect(p.sms!.cost).toBe(100);
  });

  test('unsupported characters, unknown placeholders and a long LMS subject are reported', async () => {
    addPeople(t.core, [{ name: '김철수', mobile: '01012345678', smsFields: ['culture'] }]);
    const long = '가'.repeat(60);
    const p = await preview(
      draft(t.core, {
        sms: {
          text: `공연 😀 안내 {금액} ${long}`,
          subject: '가나다라마바사아자차카타파하가나다라마바사',
          appendSns: false,
        },
      }),
    );
    expect(p.sms!.unsupported).toEqual(['😀']);
    expect(p.sms!.subjectBytes).toBe(42);
    expect(p.sms!.subjectTooLong).toBe(true);
    expect(p.sms!.warnings.join('\n')).toMatch(/\{금액\}/);
    expect(p.sms!.warnings.join('\n')).toMatch(/40바이트/);
    expect(p.sms!.warnings.join('\n')).toMatch(/보낼 수 없는 글자/);
  });

  test('sms check through the router', async () => {
    expect(await t.core.router.call('campaigns.smsCheck', { text: 'abc 가나' }, t.cli)).toEqual({
      bytes: 8,
      class: 'SMS',
      unsupported: [],
    });
  });
});

describe('composed email', () => {
  test('subject (광고) rule, per-recipient footer link, automatic text part', async () => {
    addPeople(t.core, [{ name: '김철수', email: 'c@example.com', emailFields: ['culture'] }]);
    const d = draft(t.core, {
      isAd: true,
      channels: { sms: false, email: true },
      email: { subject: '공연 안내', html: '<p>{이름}님, <b>공연</b> 안내</p>' },
    });
    const p = await preview(d);
    expect(p.email!.subject).toBe('(광고) 공연 안내');
    expect(p.email!.html).toContain('<p>김철수님, <b>공연</b> 안내</p>');
    expect(p.email!.html).toContain('href="http://127.0.0.1:5190/u/preview"');
    expect(p.email!.text).toContain('김철수님, 공연 안내');
    expect(p.email!.text).toContain('수신거부 (http://127.0.0.1:5190/u/preview)');
    expect(p.email!.warnings).toContain('메일 서버(SMTP)가 설정되지 않았습니다.');
  });

  test('names are HTML-escaped in the body', async () => {
    addPeople(t.core, [{ name: '<b>해커</b>', email: 'h@example.com', emailFields: ['culture'] }]);
    const p = await preview(
      draft(t.core, {
        channels: { sms: false, email: true },
        email: { subject: 's', html: '<p>{이름}</p>' },
      }),
    );
    expect(p.email!.html).toContain('<p>&lt;b&gt;해커&lt;/b&gt;</p>');
  });

  test('htmlToText keeps structure', () => {
    expect(htmlToText('<h1>제목</h1><p>첫 줄<br>둘째 줄</p><ul><li>하나</li><li>둘</li></ul>')).toBe(
      '제목\n\n첫 줄\n둘째 줄\n\n- 하나\n- 둘',
    );
  });
});

test('night is 21:00–08:00 in Seoul whatever the machine zone', () => {
  expect(isNight(new Date('2026-03-02T20:59:00+09:00'))).toBe(false);
  expect(isNight(new Date('2026-03-02T21:00:00+09:00'))).toBe(true);
  expect(isNight(new Date('2026-03-03T07:59:00+09:00'))).toBe(true);
  expect(isNight(new Date('2026-03-03T08:00:00+09:00'))).toBe(false);
});

test('campaign settings live beside the general ones; the SMTP password only in a 0600 key file', async () => {
  const m = campaignsOf(t.core);
  await t.core.router.call('campaigns.settings.update', { campaignApproval: true }, t.cli);
  await t.core.router.call('campaigns.settings.smtpPassword', { password: 'secret-pw' }, t.cli);
  const s = (await t.core.router.call('campaigns.settings.get', {}, t.cli)) as {
    campaignApproval: boolean;
    smtpPasswordSet: boolean;
  };
  expect(s).toMatchObject({ campaignApproval: true, smtpPasswordSet: true });
  const dump = t.core.sqlite.prepare('SELECT group_concat(value) FROM settings').pluck().get() as string;
  expect(dump).not.toContain('secret-pw');
  const fs = await import('node:fs');
  const file = (m.secrets as unknown as { file: string }).file;
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(file, 'utf8')).toContain('secret-pw');
});
