import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, login, logout, nav, runCli, test } from './fixtures';

const SHOTS = '/tmp/shots';
test.setTimeout(240_000);

/** Calls the bridge directly from the page, as a tampered renderer would. */
function craftedCall(page: Page, channel: string, input: unknown) {
  return page.evaluate(
    async ({ channel, input }) => {
      const token =
        document.querySelector<HTMLMetaElement>('meta[name="sotong-bridge-token"]')?.content ?? '';
      const res = await fetch(`./api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sotong-token': token },
        body: JSON.stringify({ input }),
      });
      return res.json();
    },
    { channel, input },
  );
}

interface PaperForm {
  name: string;
  mobile: string;
  email?: string;
  birthYear: string;
  dong: string;
  shortcuts: string[];
}

/** Types one paper form with the keyboard only, starting in 성명. */
async function typeForm(page: Page, f: PaperForm) {
  const k = page.keyboard;
  await expect(page.getByLabel('성명')).toBeFocused();
  await k.type(f.name);
  await k.press('Tab');
  await k.type(f.mobile);
  await k.press('Tab');
  if (f.email) await k.type(f.email);
  await k.press('Tab');
  await k.type(f.birthYear);
  await k.press('Tab'); // 성별 (radio group)
  // one step at a time, as a person looks where the cursor went (a fresh-clone run once found the
  // second Tab on 여, the same group's other radio, with both unchecked)
  await expect(page.getByRole('radio', { name: '남' })).toBeFocused();
  await k.press('Tab'); // 행정동
  await expect(page.getByLabel('행정동', { exact: true })).toBeFocused();
  await k.type(f.dong);
  // as a person does: Enter once the narrowed list offers the dong (on a busy machine the list lags
  // the typing, and an Enter before it is taken by the list, not by the form)
  await expect(
    page.locator('.ant-select-dropdown .ant-select-item-option-active', { hasText: f.dong }),
  ).toBeVisible();
  await k.press('Enter'); // picks the option
  await expect(page.getByLabel('행정동', { exact: true })).toHaveAttribute('aria-expanded', 'false');
  for (const s of f.shortcuts) await k.press(s);
  await k.press('Enter'); // saves
  await expect(page.getByText(new RegExp(`${f.name} — 새로 등록했습니다`))).toBeVisible({ timeout: 20_000 });
}

test('types paper forms, finds a person by 초성, withdraws a field; a dong user sees only their dong', async ({
  page,
  server,
}) => {
  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible({ timeout: 30_000 });

  await nav(page).getByRole('menuitem', { name: '접수' }).click();
  await expect(page.getByRole('heading', { name: '접수', level: 1 })).toBeVisible();
  await expect(page.getByText('오늘 접수 0건')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('신청서 번호')).not.toHaveValue('', { timeout: 20_000 });

  await typeForm(page, {
    name: '홍길동',
    mobile: '01012345678',
    email: 'hong@naver.com',
    birthYear: '1975',
    dong: '왕십리2동',
    shortcuts: ['Alt+1', 'Alt+Shift+1', 'Alt+2'],
  });
  await expect(page.getByText('오늘 접수 1건')).toBeVisible({ timeout: 20_000 });
  await typeForm(page, {
    name: '김영희',
    mobile: '010-2222-3333',
    birthYear: '1988',
    dong: '마장동',
    shortcuts: ['Alt+2'],
  });
  await typeForm(page, {
    name: '이철수',
    mobile: '01033334444',
    birthYear: '1960',
    dong: '왕십리2동',
    shortcuts: ['Alt+1'],
  });
  await expect(page.getByText('오늘 접수 3건')).toBeVisible({ timeout: 20_000 });

  // the phone is shown formatted, the e-mail typo is offered (never applied silently)
  await page.keyboard.type('테스트');
  await page.keyboard.press('Tab');
  await page.keyboard.type('01012345678');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('휴대전화', { exact: true })).toHaveValue('010-1234-5678');
  await expect(page.getByText('같은 연락처로 등록된 사람이 있습니다.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: '이 사람 정보 수정' })).toBeVisible();
  await page.keyboard.type('test@naver.con');
  await page.keyboard.press('Tab');
  await expect(page.getByText('혹시 test@naver.com 인가요?')).toBeVisible();
  await expect(page.getByLabel('이메일', { exact: true })).toHaveValue('test@naver.con');
  await page.screenshot({ path: `${SHOTS}/intake.png`, fullPage: true });
  await page.getByRole('button', { name: '새로 쓰기' }).click();

  // 구독자: find 홍길동 by 초성
  await nav(page).getByRole('menuitem', { name: '구독자' }).click();
  await expect(page.getByText(/모두 3명/)).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('구독자 검색').fill('ㅎㄱㄷ');
  await expect(page.getByText(/모두 1명/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: '홍길동' }).click();
  await expect(page.getByRole('heading', { name: '홍길동', level: 1 })).toBeVisible({ timeout: 20_000 });
  const hongId = /#\/subscribers\/([0-9a-f-]+)/.exec(page.url())?.[1] ?? '';
  expect(hongId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByText('010-1234-5678')).toBeVisible();

  // withdraw 문화공연 (both channels) with a reason
  await page.getByRole('button', { name: '수신 철회' }).click();
  const dialog = page.getByRole('dialog', { name: '수신 철회' });
  await dialog.getByLabel('분야').click();
  await dialog.getByLabel('분야').fill('문화공연');
  await dialog.getByLabel('분야').press('Enter');
  await dialog.getByLabel('사유').fill('전화로 철회 요청');
  await dialog.getByLabel('사유').press('Enter');
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  const history = page.getByLabel('이력');
  await expect(history.getByText('철회', { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await expect(history).toContainText('전화로 철회 요청');
  await page.screenshot({ path: `${SHOTS}/person.png`, fullPage: true });

  // a dong user (마장동) sees only their dong's residents
  const r = await runCli(server.dbPath, [
    'user',
    'add',
    'majang',
    '--role',
    'dong',
    '--dong',
    '마장동',
    '--name',
    '마장담당',
    '--password',
    'Dongcenter!2026a',
  ]);
  expect(r.code, r.stderr).toBe(0);
  await logout(page);
  await login(page, 'majang', 'Dongcenter!2026a');
  await expect(page.getByRole('heading', { name: '비밀번호 변경' })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('현재 비밀번호').fill('Dongcenter!2026a');
  await page.getByLabel('새 비밀번호', { exact: true }).fill('Seongsu#Desk77');
  await page.getByLabel('새 비밀번호 확인').fill('Seongsu#Desk77');
  await page.getByLabel('새 비밀번호 확인').press('Enter');
  await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible({ timeout: 20_000 });
  await nav(page).getByRole('menuitem', { name: '구독자' }).click();
  await expect(page.getByText(/모두 1명/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('link', { name: '김영희' })).toBeVisible();
  await expect(page.getByRole('link', { name: '홍길동' })).toHaveCount(0);
  const res = await craftedCall(page, 'subscribers.get', { id: hongId });
  expect(res.ok).toBe(false);
  expect(res.error.code).toBe('FORBIDDEN');
});
