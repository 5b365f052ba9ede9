import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, login, logout, nav, test } from './fixtures';

const SHOTS = '/tmp/shots';

/** Picks an option in a (searchable) select reached by its label, the way a keyboard user does. */
async function choose(page: Page, label: string, option: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(option);
  await box.press('Enter');
}

async function openUsers(page: Page) {
  await nav(page).getByRole('menuitem', { name: '사용자 관리' }).click();
  await expect(page.getByRole('heading', { name: '사용자 관리', level: 1 })).toBeVisible();
}

async function createUser(
  page: Page,
  u: { username: string; name: string; role: string; dong?: string; department?: string; password: string },
) {
  await page.getByRole('button', { name: '사용자 추가' }).click();
  const dialog = page.getByRole('dialog', { name: '사용자 추가' });
  await expect(dialog.getByLabel('아이디')).toBeFocused();
  await dialog.getByLabel('아이디').fill(u.username);
  await dialog.getByLabel('이름').fill(u.name);
  await choose(page, '권한', u.role);
  if (u.dong) await choose(page, '담당 행정동', u.dong);
  if (u.department) await dialog.getByLabel('부서명').fill(u.department);
  await dialog.getByLabel('임시 비밀번호').fill(u.password);
  await dialog.getByLabel('임시 비밀번호').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(u.username) })).toBeVisible();
}

/** Calls the bridge directly from the page, as a tampered renderer would. */
function craftedCall(page: Page, channel: string, input: unknown) {
  return page.evaluate(
    async ({ channel, input }) => {
      const token =
        document.querySelector<HTMLMetaElement>('meta[name="sotong-bridge-token"]')?.content ?? '';
      const res = await fetch(`/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sotong-token': token },
        body: JSON.stringify({ input }),
      });
      return res.json();
    },
    { channel, input },
  );
}

test.describe('first run', () => {
  test.use({ init: 'none' });

  test('sets up the ward, station and administrator, then opens the dashboard', async ({ page, server }) => {
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: '처음 설정' })).toBeVisible();
    await expect(page.getByLabel('구 이름')).toBeFocused();
    await page.getByLabel('구 이름').fill('한빛구');
    await choose(page, '이 컴퓨터의 접수처', '마장동 주민센터');
    await page.getByLabel('관리자 아이디').fill('chief');
    await page.getByLabel('관리자 이름').fill('김관리');
    await page.getByLabel('비밀번호', { exact: true }).fill('short');
    await expect(page.getByText(/8자 이상/)).toBeVisible();
    await page.getByLabel('비밀번호', { exact: true }).fill('Hanbit!2026');
    await expect(page.getByText('사용할 수 있는 비밀번호입니다.')).toBeVisible();
    await page.getByLabel('비밀번호 확인').fill('Hanbit!2026');
    await page.getByLabel('비밀번호 확인').press('Enter');

    await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible();
    const header = page.getByRole('banner');
    await expect(header.getByText('한빛구', { exact: true })).toBeVisible();
    await expect(header.getByText('마장동 주민센터')).toBeVisible();
    await expect(header.getByText('김관리')).toBeVisible();
    await expect(header.getByText('관리자')).toBeVisible();
    await expect(page.getByText('사용자', { exact: true })).toBeVisible();
  });
});

test.describe('signed in as the initial administrator', () => {
  test('creates users of each role; the dong user sees only the dong menu', async ({ page, server }) => {
    await page.goto(server.url);
    await login(page, 'admin', ADMIN_PASSWORD);
    await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible();
    await expect(nav(page).getByRole('menuitem')).toHaveText([
      '대시보드',
      '구독자',
      '접수',
      '자료 교환',
      '캠페인',
      '수신거부',
      '반송 정정',
      '설문',
      '통계',
      '보고서',
      'SNS',
      '설정',
      '사용자 관리',
      '접속기록',
    ]);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });

    await openUsers(page);
    await createUser(page, { username: 'pr1', name: '박홍보', role: '홍보', password: 'Promo!2026' });
    await createUser(page, {
      username: 'dong1',
      name: '이주민',
      role: '주민센터',
      dong: '왕십리도선동',
      password: 'Dong!2026a',
    });
    await createUser(page, {
      username: 'dept1',
      name: '최부서',
      role: '부서',
      department: '문화체육과',
      password: 'Dept!2026a',
    });
    const dongRow = page.getByRole('row', { name: /dong1/ });
    await expect(dongRow).toContainText('주민센터');
    await expect(dongRow).toContainText('왕십리도선동');
    await expect(dongRow).toContainText('비밀번호 변경 대기');
    await expect(page.getByRole('row', { name: /dept1/ })).toContainText('문화체육과');
    await expect(page.getByRole('row', { name: /admin/ })).toContainText(/\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}/);
    await page.screenshot({ path: `${SHOTS}/users.png`, fullPage: true });

    // a server-side field error lands on its field
    await page.getByRole('button', { name: '사용자 추가' }).click();
    const dialog = page.getByRole('dialog', { name: '사용자 추가' });
    await dialog.getByLabel('아이디').fill('pr1');
    await dialog.getByLabel('이름').fill('중복');
    await dialog.getByLabel('임시 비밀번호').fill('Promo!2026');
    await dialog.getByRole('button', { name: '추가' }).click();
    await expect(dialog.getByText(/이미/)).toBeVisible();
    await dialog.getByRole('button', { name: '취소' }).click();

    await logout(page);
    await login(page, 'dong1', 'Dong!2026a');
    await expect(page.getByRole('heading', { name: '비밀번호 변경' })).toBeVisible();
    await page.getByLabel('현재 비밀번호').fill('Dong!2026a');
    await page.getByLabel('새 비밀번호', { exact: true }).fill('Wangsimni#77');
    await page.getByLabel('새 비밀번호 확인').fill('Wangsimni#77');
    await page.getByLabel('새 비밀번호 확인').press('Enter');
    await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible();
    await expect(nav(page).getByRole('menuitem')).toHaveText([
      '대시보드',
      '구독자',
      '접수',
      '자료 교환',
      '통계',
      '보고서',
    ]);
    await expect(page.getByRole('banner')).toContainText('이주민');
    await expect(page.getByRole('banner')).toContainText('주민센터 · 왕십리도선동');
    // typing an address it has no menu for does not open the page
    await page.goto(`${server.url}#/users`);
    await expect(page.getByText('이 화면을 볼 권한이 없습니다')).toBeVisible();
  });

  test('five wrong passwords lock the account; the administrator unlocks it', async ({ page, server }) => {
    await page.goto(server.url);
    await login(page, 'admin', ADMIN_PASSWORD);
    await openUsers(page);
    await createUser(page, { username: 'clerk', name: '정직원', role: '홍보', password: 'Desk!2026ok' });
    await logout(page);

    for (let i = 1; i <= 4; i++) {
      await login(page, 'clerk', `wrong-${i}`);
      await expect(
        page.getByRole('alert').filter({ hasText: '아이디 또는 비밀번호가 맞지 않습니다' }),
      ).toBeVisible();
    }
    await login(page, 'clerk', 'wrong-5');
    await expect(page.getByRole('alert').filter({ hasText: '계정이' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: '잠겼습니다' })).toBeVisible();
    // the right password does not help while locked
    await login(page, 'clerk', 'Desk!2026ok');
    await expect(page.getByRole('alert').filter({ hasText: '잠겼습니다' })).toBeVisible();

    await login(page, 'admin', ADMIN_PASSWORD);
    await openUsers(page);
    const row = page.getByRole('row', { name: /clerk/ });
    await expect(row).toContainText('잠김');
    await row.getByRole('button', { name: '잠금 해제' }).click();
    await expect(page.getByText('계정의 잠금을 풀었습니다')).toBeVisible();
    await expect(row).not.toContainText('잠김');
    await logout(page);

    await login(page, 'clerk', 'Desk!2026ok');
    await expect(page.getByRole('heading', { name: '비밀번호 변경' })).toBeVisible();
  });

  test('a user cannot reach administrator channels through a crafted bridge call', async ({
    page,
    server,
  }) => {
    await page.goto(server.url);
    await login(page, 'admin', ADMIN_PASSWORD);
    await openUsers(page);
    await createUser(page, {
      username: 'dong2',
      name: '한동민',
      role: '주민센터',
      dong: '마장동',
      password: 'Majang!2026',
    });
    await logout(page);
    await login(page, 'dong2', 'Majang!2026');
    await page.getByLabel('현재 비밀번호').fill('Majang!2026');
    await page.getByLabel('새 비밀번호', { exact: true }).fill('Majang#2027');
    await page.getByLabel('새 비밀번호 확인').fill('Majang#2027');
    await page.getByRole('button', { name: '비밀번호 변경' }).click();
    await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible();

    const list = await craftedCall(page, 'users.list', {});
    expect(list).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '이 작업을 할 권한이 없습니다.' },
    });

    const before = await craftedCall(page, 'settings.get', {});
    expect(before.ok).toBe(true);
    const update = await craftedCall(page, 'settings.update', {
      wardName: '탈취구',
      optOutNumber: '010-0000-0000',
    });
    expect(update).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '이 작업을 할 권한이 없습니다.' },
    });
    const after = await craftedCall(page, 'settings.get', {});
    expect(after.value).toEqual(before.value);

    // a station of another dong cannot be saved either (admin-only)
    const station = await craftedCall(page, 'reference.saveStation', {
      code: 'SX',
      name: '가짜 접수처',
      kind: 'dong',
      dongId: 1,
    });
    expect(station.error?.code).toBe('FORBIDDEN');

    // without the page's token the bridge refuses outright
    const noToken = await page.evaluate(async () => {
      const res = await fetch('/api/invoke/auth.status', { method: 'POST', body: '{}' });
      return { status: res.status, body: await res.json() };
    });
    expect(noToken.status).toBe(403);
  });

  test('the audit log shows the logins and its hash chain verifies', async ({ page, server }) => {
    await page.goto(server.url);
    await login(page, 'admin', ADMIN_PASSWORD);
    await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible();
    await logout(page);
    await login(page, 'admin', 'not-the-password');
    await expect(
      page.getByRole('alert').filter({ hasText: '아이디 또는 비밀번호가 맞지 않습니다' }),
    ).toBeVisible();
    await login(page, 'admin', ADMIN_PASSWORD);
    await nav(page).getByRole('menuitem', { name: '접속기록' }).click();
    await expect(page.getByRole('heading', { name: '접속기록', level: 1 })).toBeVisible();

    const rows = page.getByRole('row');
    await expect(rows.filter({ hasText: '로그인 실패' })).toHaveCount(1);
    await expect(rows.filter({ hasText: /admin.*로그인$|로그인\s/ }).first()).toBeVisible();
    await expect(rows.filter({ hasText: '로그아웃' })).toHaveCount(1);

    // filter by 작업 = 로그인 실패
    await choose(page, '작업', '로그인 실패');
    await page.getByRole('button', { name: '조회' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'admin' })).toHaveCount(1);
    await expect(page.getByText('모두 1건')).toBeVisible();

    await page.getByRole('button', { name: '위·변조 검사' }).click();
    await expect(page.getByRole('status').filter({ hasText: '위·변조된 기록이 없습니다' })).toBeVisible();

    // the core answers SESSION_EXPIRED after the idle limit: the login screen says why
    await page.route('**/api/invoke/**', (route) =>
      route.fulfill({
        json: {
          ok: false,
          error: {
            code: 'SESSION_EXPIRED',
            message: '오랫동안 사용하지 않아 로그아웃되었습니다. 다시 로그인해 주세요.',
          },
        },
      }),
    );
    await nav(page).getByRole('menuitem', { name: '설정' }).click();
    await expect(page.getByRole('heading', { name: '로그인' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('오랫동안 사용하지 않아 로그아웃되었습니다');
    await page.unrouteAll();
    await login(page, 'admin', ADMIN_PASSWORD);
    await expect(page.getByRole('heading', { name: '설정', level: 1 })).toBeVisible();
  });
});

test.describe('one-time administrator password', () => {
  test.use({ init: 'one-time' });

  test('init prints a one-time password and the first login forces a change', async ({ page, server }) => {
    expect(server.oneTimePassword).toBeTruthy();
    await page.goto(server.url);
    await login(page, 'admin', server.oneTimePassword!);
    await expect(page.getByRole('heading', { name: '비밀번호 변경' })).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);

    // every other call is refused until the password is changed
    const r = await craftedCall(page, 'dashboard.summary', {});
    expect(r.error?.code).toBe('PASSWORD_CHANGE_REQUIRED');

    await expect(page.getByLabel('현재 비밀번호')).toBeFocused();
    await page.getByLabel('현재 비밀번호').fill(server.oneTimePassword!);
    await page.getByLabel('새 비밀번호', { exact: true }).fill('abc');
    await expect(page.getByText(/8자 이상/)).toBeVisible();
    await page.getByLabel('새 비밀번호', { exact: true }).fill('Sotong!Admin9');
    await expect(page.getByText('비밀번호에 아이디를 넣을 수 없습니다.')).toBeVisible();
    await page.getByLabel('새 비밀번호', { exact: true }).fill('Ward!Office26');
    await page.getByLabel('새 비밀번호 확인').fill('Ward!Office27');
    await page.getByLabel('새 비밀번호 확인').press('Enter');
    await expect(page.getByText('새 비밀번호와 같게 입력하세요.')).toBeVisible();
    await page.getByLabel('새 비밀번호 확인').fill('Ward!Office26');
    await page.getByLabel('새 비밀번호 확인').press('Enter');
    await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible();

    await logout(page);
    // the one-time password no longer works; the new one does
    await login(page, 'admin', server.oneTimePassword!);
    await expect(
      page.getByRole('alert').filter({ hasText: '아이디 또는 비밀번호가 맞지 않습니다' }),
    ).toBeVisible();
    await login(page, 'admin', 'Ward!Office26');
    await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible();
  });
});
