// Residents answer a survey in Chromium through the personal links of real invitation mails (an
// SMTP sink on 127.0.0.1), on the public listener of the web server; then the results screen shows
// what they answered: every question type, show-if, resume, one submission only, a closed survey,
// forged and tampered tokens, the open pixel, and an XSS payload shown as text.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import type { Page } from '@playwright/test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { createCore } from '../../src/main/core/core';
import type { SurveyDefinition } from '../../src/shared/contract/surveys';
import { addPeople } from '../main/campaigns/helpers';
import { startSink } from '../main/mail/sink';
import { ADMIN_PASSWORD, expect, login, nav, test } from './fixtures';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';

/** Every question type; page 3 (q5) only when q1 is 예. */
const DEFINITION: SurveyDefinition = {
  intro: '마을버스 이용 경험을 묻는 설문입니다.',
  closing: '소중한 의견 감사합니다.',
  pages: [
    {
      title: '이용 여부',
      questions: [
        {
          id: 'q1',
          type: 'single',
          title: '마을버스를 이용하십니까?',
          required: true,
          options: ['예', '아니오'],
          other: true,
        },
        { id: 'q2', type: 'scale5', title: '전반적으로 만족하십니까?', required: true },
      ],
    },
    {
      questions: [
        {
          id: 'q3',
          type: 'multiple',
          title: '함께 쓰는 교통수단',
          required: false,
          options: ['지하철', '버스', '자전거'],
          other: true,
        },
        { id: 'q4', type: 'matrix', title: '항목별 만족도', required: true, rows: ['청결', '친절'] },
      ],
    },
    {
      questions: [
        {
          id: 'q5',
          type: 'short',
          title: '주로 타는 노선',
          required: true,
          showIf: { question: 'q1', equals: '예' },
        },
      ],
    },
    {
      questions: [
        { id: 'q6', type: 'long', title: '바라는 점', required: false },
        { id: 'q7', type: 'number', title: '한 주에 몇 번 타십니까?', required: false, min: 0, max: 100 },
      ],
    },
  ],
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Calls a channel as the logged-in user of this page (the renderer's own bridge). */
async function api<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([ch, inp]) => {
      const token =
        document.querySelector<HTMLMetaElement>('meta[name="sotong-bridge-token"]')?.content ?? '';
      const res = await fetch(`./api/invoke/${ch}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sotong-token': token },
        credentials: 'same-origin',
        body: JSON.stringify({ input: inp }),
      });
      return res.json();
    },
    [channel, input] as const,
  );
  const out = r as { ok: boolean; value?: T; error?: { message: string } };
  if (!out.ok) throw new Error(`${channel}: ${out.error?.message}`);
  return out.value as T;
}

const day = 86_400_000;
const survey = (title: string, definition: SurveyDefinition) => ({
  requestId: null,
  title,
  department: '교통행정과',
  definition,
  anonymous: false,
  opensAt: new Date(Date.now() - day).toISOString(),
  closesAt: new Date(Date.now() + 30 * day).toISOString(),
  filters: { dongIds: [], ageBands: [], genders: [] },
  invitation: {
    channels: { email: true, sms: false },
    emailSubject: title,
    emailHtml: '',
    smsText: '',
    reminderSmsText: '',
  },
  reminders: { afterDays: 3, max: 0 },
  incentiveWinners: 0,
});

test('survey answers: links from mails, every question type, show-if, resume, refusals, pixel, results', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(420_000);
  const sink = await startSink();
  try {
    // three policy customers who consented to surveys by email
    const core = await createCore({ dbPath: server.dbPath, mode: 'cli' });
    let dongs: { id: number; name: string }[];
    try {
      dongs = core.reference.list().dongs;
      addPeople(
        core,
        ['김하나', '이두리', '박세찌'].map((name, i) => ({
          name,
          email: `resident${i}@example.com`,
          birthYear: 1960 + i * 10,
          gender: i === 1 ? 'F' : 'M',
          dongId: dongs[i].id,
          emailFields: ['survey'],
        })),
      );
    } finally {
      core.close();
    }

    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(server.url);
    await login(page, 'admin', ADMIN_PASSWORD);
    await expect(nav(page)).toBeVisible({ timeout: 60_000 });

    // the public listener on a free loopback port, links pointing at it; mail through the sink
    const port = await freePort();
    const pub = `http://127.0.0.1:${port}`;
    await api(page, 'settings.update', {
      publicEnabled: true,
      publicHost: '127.0.0.1',
      publicPort: port,
      publicBaseUrl: pub,
    });
    const status = await api<{ listening: string | null }>(page, 'public.apply', {});
    expect(status.listening).toContain(`127.0.0.1:${port}`);
    await api(page, 'campaigns.settings.update', {
      publicBaseUrl: pub,
      smtp: {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        user: '',
        fromName: '성동구청',
        fromAddress: 'survey@seongdong.example',
        bounceDomain: 'bounce.seongdong.example',
        maxConnections: 2,
        ratePerSecond: 0,
      },
    });

    // the survey with every question type, and a second one that will be closed
    const s1 = await api<{ id: string }>(page, 'surveys.save', survey('마을버스 만족도 조사', DEFINITION));
    await api(page, 'surveys.publish', { id: s1.id });
    const s2 = await api<{ id: string }>(
      page,
      'surveys.save',
      survey('공원 이용 설문', { intro: '', closing: '감사합니다.', pages: [DEFINITION.pages[0]] }),
    );
    await api(page, 'surveys.publish', { id: s2.id });

    // invitations from the survey screen
    await nav(page).getByRole('menuitem', { name: '설문' }).click();
    await page
      .getByRole('row', { name: /마을버스 만족도 조사/ })
      .getByRole('link')
      .first()
      .click();
    await expect(page.getByRole('heading', { name: '마을버스 만족도 조사', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: '초대 보내기' }).click();
    const inv = page.getByRole('dialog', { name: '초대 보내기' });
    await inv.getByLabel('밤 9시~아침 8시 문자 발송을 확인합니다').check();
    await inv.getByRole('button', { name: '보내기' }).click();
    await expect(page.getByText(/3명을 초대했습니다 \(이메일 3/)).toBeVisible();
    await api(page, 'surveys.invite', { id: s2.id, confirmNight: true });

    await expect.poll(() => sink.received.length, { timeout: 60_000 }).toBe(6);
    const mails: ParsedMail[] = await Promise.all(sink.received.map((r) => simpleParser(r.raw)));
    const linkOf = (subject: string, to: string) => {
      const m = mails.find((x) => x.subject === subject && JSON.stringify(x.to).includes(to));
      expect(m, `${subject} → ${to}`).toBeTruthy();
      const html = String(m?.html);
      const link = new RegExp(`${pub}/s/([A-Za-z0-9_-]{22})`).exec(html);
      const pixel = new RegExp(`${pub}/o/[A-Za-z0-9_-]+\\.gif`).exec(html);
      expect(link).not.toBeNull();
      expect(pixel).not.toBeNull();
      return { url: link?.[0] ?? '', token: link?.[1] ?? '', pixel: pixel?.[0] ?? '' };
    };
    const a = linkOf('마을버스 만족도 조사', 'resident0@');
    const b = linkOf('마을버스 만족도 조사', 'resident1@');
    const c = linkOf('마을버스 만족도 조사', 'resident2@');
    const closed = linkOf('공원 이용 설문', 'resident0@');

    // resident 0: 예 → the route page appears; leaves after page 2 and comes back (resume)
    const r0 = await context.newPage();
    r0.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const group = (p: Page, title: string) => p.getByRole('group', { name: new RegExp(title) });
    await r0.goto(a.url);
    await expect(r0.getByRole('heading', { name: '마을버스 만족도 조사', level: 1 })).toBeVisible();
    await expect(r0.getByText('1 / 3 쪽')).toBeVisible(); // q5's page not counted yet
    // a required question left out is refused in Korean
    await r0.getByRole('button', { name: '다음' }).click();
    await expect(r0.getByRole('alert')).toContainText('답을 확인해 주세요: 2개 문항');
    await group(r0, '마을버스를 이용하십니까').getByLabel('예', { exact: true }).check();
    await r0.getByLabel('전반적으로 만족하십니까? 4점').check();
    await r0.getByRole('button', { name: '다음' }).click();
    await expect(r0.getByText('2 / 4 쪽')).toBeVisible();
    const q3 = group(r0, '함께 쓰는 교통수단');
    await q3.getByLabel('지하철').check();
    await q3.getByLabel('기타', { exact: true }).check();
    await q3.getByLabel('기타 내용').fill('킥보드');
    await r0.getByLabel('청결 5점').check();
    await r0.getByLabel('친절 4점').check();
    await r0.getByRole('button', { name: '다음' }).click();
    await expect(r0.getByText('3 / 4 쪽')).toBeVisible();
    await r0.goto('about:blank');
    await r0.goto(a.url); // back later: the same page, earlier answers kept
    await expect(r0.getByText('3 / 4 쪽')).toBeVisible();
    await r0.getByLabel('주로 타는 노선').fill('성동01');
    await r0.getByRole('button', { name: '다음' }).click();
    await r0.getByLabel('바라는 점').fill(XSS);
    await r0.getByLabel('한 주에 몇 번 타십니까?').fill('12');
    await r0.getByRole('button', { name: '이전' }).click();
    await expect(r0.getByLabel('주로 타는 노선')).toHaveValue('성동01');
    await r0.getByRole('button', { name: '다음' }).click();
    await r0.getByLabel('바라는 점').fill(XSS);
    await r0.getByLabel('한 주에 몇 번 타십니까?').fill('12');
    await r0.getByRole('button', { name: '제출하기' }).click();
    await expect(r0.getByText('소중한 의견 감사합니다.')).toBeVisible();
    // the same link again, and the form posted again: refused
    await r0.goto(a.url);
    await expect(r0.getByRole('heading', { name: '이미 응답하셨습니다' })).toBeVisible();

    // resident 1: 기타 (가끔) → no route page; the matrix and the scale
    const r1 = await context.newPage();
    await r1.goto(b.url);
    const q1 = group(r1, '마을버스를 이용하십니까');
    await q1.getByLabel('기타', { exact: true }).check();
    await q1.getByLabel('기타 내용').fill('가끔');
    await r1.getByLabel('전반적으로 만족하십니까? 2점').check();
    await r1.getByRole('button', { name: '다음' }).click();
    await expect(r1.getByText('2 / 3 쪽')).toBeVisible();
    await group(r1, '함께 쓰는 교통수단').getByLabel('버스').check();
    await r1.getByLabel('청결 3점').check();
    await r1.getByLabel('친절 2점').check();
    await r1.getByRole('button', { name: '다음' }).click();
    await expect(r1.getByText('3 / 3 쪽')).toBeVisible();
    await expect(r1.getByText('주로 타는 노선')).toHaveCount(0);
    await r1.getByLabel('한 주에 몇 번 타십니까?').fill('3');
    const csrf = await r1.locator('input[name="csrf"]').inputValue();
    const pageNo = await r1.locator('input[name="page"]').inputValue();
    await r1.getByRole('button', { name: '제출하기' }).click();
    await expect(r1.getByText('소중한 의견 감사합니다.')).toBeVisible();
    // the same form posted a second time (double click, stale tab) is refused
    const again = await r1.request.post(b.url, { form: { csrf, page: pageNo, nav: 'submit', 'a.q7': '99' } });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('이미 응답하셨습니다');

    // resident 2 only opens the mail: the pixel counts an open
    const px = await page.request.get(c.pixel);
    expect(px.status()).toBe(200);
    expect(px.headers()['content-type']).toContain('image/gif');

    // forged and tampered tokens, and the closed survey
    const r2 = await context.newPage();
    const forged = await r2.goto(`${pub}/s/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(forged?.status()).toBe(404);
    await expect(r2.getByRole('heading', { name: '설문을 찾을 수 없습니다' })).toBeVisible();
    const last = c.token.at(-1) === 'A' ? 'B' : 'A';
    const tampered = await r2.goto(`${pub}/s/${c.token.slice(0, -1)}${last}`);
    expect(tampered?.status()).toBe(404);
    await expect(r2.getByRole('heading', { name: '설문을 찾을 수 없습니다' })).toBeVisible();
    await api(page, 'surveys.close', { id: s2.id });
    const shut = await r2.goto(closed.url);
    expect(shut?.status()).toBe(410);
    await expect(r2.getByRole('heading', { name: '설문이 마감되었습니다' })).toBeVisible();

    // the results screen: funnel and every question as answered
    await page.reload();
    const total = page.getByRole('row', { name: /^전체/ });
    await expect(total.getByRole('cell').nth(1)).toHaveText('3', { timeout: 60_000 }); // invited
    await expect(total.getByRole('cell').nth(3)).toHaveText('3', { timeout: 60_000 }); // opened
    await expect(total.getByRole('cell').nth(4)).toHaveText('2'); // started
    await expect(total.getByRole('cell').nth(5)).toHaveText('2'); // completed
    const card = (title: string) => page.locator('.ant-card').filter({ hasText: title });
    const q1Card = card('q1. 마을버스를 이용하십니까?');
    await expect(q1Card).toContainText('응답 2명');
    await expect(q1Card.getByRole('row', { name: /^예 1 50%$/ })).toBeVisible();
    await expect(q1Card.getByRole('row', { name: /^아니오 0 0%$/ })).toBeVisible();
    await expect(q1Card.getByRole('row', { name: /^기타 1 50%$/ })).toBeVisible();
    await expect(q1Card.getByText('가끔')).toBeVisible();
    await expect(card('q2. 전반적으로 만족하십니까?')).toContainText('평균 3점');
    const q3Card = card('q3. 함께 쓰는 교통수단');
    await expect(q3Card.getByRole('row', { name: /^지하철 1 50%$/ })).toBeVisible();
    await expect(q3Card.getByRole('row', { name: /^버스 1 50%$/ })).toBeVisible();
    await expect(q3Card.getByText('킥보드')).toBeVisible();
    const q4Card = card('q4. 항목별 만족도');
    await expect(q4Card.getByRole('row', { name: /^청결 0 0 1 0 1 4$/ })).toBeVisible();
    await expect(q4Card.getByRole('row', { name: /^친절 0 1 0 1 0 3$/ })).toBeVisible();
    await expect(card('q5. 주로 타는 노선')).toContainText('응답 1명');
    await expect(card('q5. 주로 타는 노선').getByText('성동01')).toBeVisible();
    await expect(card('q7. 한 주에 몇 번 타십니까?')).toContainText('평균 7.5 · 최솟값 3 · 최댓값 12');
    // the XSS payload is text on the screen; no script ran
    await expect(card('q6. 바라는 점').getByText(XSS, { exact: true })).toBeVisible();
    expect(dialogs).toEqual([]);

    // filters: women only (resident 1), then paper answers only (none)
    // antd keeps a hidden a11y listbox too: pick the visible option
    const pick = (label: string) => page.locator(`.ant-select-item-option[title="${label}"]`).click();
    await page.getByLabel('성별').click();
    await pick('여');
    await page.keyboard.press('Escape');
    await expect(page.getByText('응답 1건 (거른 결과)')).toBeVisible();
    await expect(q1Card.getByRole('row', { name: /^기타 1 100%$/ })).toBeVisible();
    await expect(total.getByRole('cell').nth(1)).toHaveText('1');
    await page.getByLabel('응답 경로').click();
    await pick('종이');
    await page.keyboard.press('Escape');
    await expect(page.getByText('조건에 맞는 응답이 없습니다.')).toBeVisible();

    // the A4 report as a PDF download
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PDF로 저장' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const saved = test.info().outputPath('survey-results.pdf');
    await file.saveAs(saved);
    const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
    expect(text).toContain('설문 결과: 마을버스 만족도 조사');
    expect(text).toContain('성별: 여');
    expect(text).toContain('응답 0건');
    await page.screenshot({ path: test.info().outputPath('survey-results.png'), fullPage: true });
  } finally {
    await sink.close();
  }
});
