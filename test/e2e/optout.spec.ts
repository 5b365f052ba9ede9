import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, login, nav, runCli, test } from './fixtures';

const SHOTS = '/tmp/shots';

interface Found {
  id: string;
  name: string;
  mobile: string | null;
}

/** Calls the bridge from the page with the session's token (read-only checks). */
function bridge<T>(page: Page, channel: string, input: unknown): Promise<T> {
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
  ) as Promise<T>;
}

test('pasted phone messages: one applied at once, a question reviewed and applied to all fields', async ({
  page,
  server,
}) => {
  test.setTimeout(420_000);
  const seed = await runCli(server.dbPath, ['demo', '--individuals', '50', '--seed', '1']);
  expect(seed.code, seed.stderr).toBe(0);
  const found = await runCli(server.dbPath, ['--json', 'subscriber', 'find', '010']);
  expect(found.code, found.stderr).toBe(0);
  const people = (JSON.parse(found.stdout) as Found[]).filter((p) => p.mobile);
  const [clear, asking] = [people[0], people[1]];
  expect(clear && asking).toBeTruthy();
  if (!clear?.mobile || !asking?.mobile) return;

  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await nav(page).getByRole('menuitem', { name: '수신거부' }).click();
  await expect(page.getByRole('heading', { name: '수신거부', level: 1 })).toBeVisible({ timeout: 60_000 });

  // paste two messages from the work phone
  await page.getByRole('button', { name: '휴대폰 문자 붙여넣기' }).click();
  const paste = page.getByRole('dialog', { name: '휴대폰 문자 붙여넣기' });
  await paste
    .getByLabel('받은 문자 내용')
    .fill(
      `${clear.mobile} 수신거부 2026.11.20 14:03\n${asking.mobile} 이거 어떻게 그만 받나요? 2026.11.20 15:10`,
    );
  await paste.getByRole('button', { name: '가져오기' }).click();
  const result = paste.getByRole('status', { name: '가져오기 결과' });
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByRole('row', { name: /읽은 문자\s*2건/ })).toBeVisible();
  await expect(result.getByRole('row', { name: /적용\s*1건/ })).toBeVisible();
  await expect(result.getByRole('row', { name: /검토 필요\s*1건/ })).toBeVisible();
  await paste.getByRole('button', { name: '확인' }).click();
  await expect(paste).toBeHidden();

  // counts on the tabs; the clear one is applied
  await expect(page.getByRole('tab', { name: '적용됨 1' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '검토 필요 1' })).toBeVisible();
  await page.getByRole('tab', { name: /적용됨/ }).click();
  await expect(page.getByRole('row', { name: new RegExp(`${clear.mobile}.*수신거부`) })).toBeVisible();
  await expect(page.getByRole('row', { name: /2026\.11\.20 14:03/ })).toBeVisible();

  // review the question: select it, apply to all fields
  await page.getByRole('tab', { name: /검토 필요/ }).click();
  const row = page.getByRole('row', { name: /이거 어떻게 그만 받나요\?/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText(asking.name);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/optout.png`, fullPage: true });
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: '적용', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /수신거부 적용/ });
  await dialog.getByLabel('전체 분야').check();
  await dialog.getByLabel('문자·이메일').check();
  await dialog.getByLabel('사유').fill('전화로 확인, 전체 수신 중단 원함');
  await dialog.getByRole('button', { name: '적용' }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('tab', { name: '검토 필요 0' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '적용됨 2' })).toBeVisible();

  // the person's history shows the withdrawal
  const history = await bridge<{
    ok: boolean;
    value?: {
      applications: { channel: string; fieldIds: number[] | null; withdrawn: number }[];
      suppression: { sms: { all: boolean } };
    };
  }>(page, 'optout.forSubscriber', { subscriberId: asking.id });
  // (seeded people may have no e-mail, so the sms withdrawal is the one every person has)
  const apps = history.value?.applications ?? [];
  expect(
    apps.some((a) => a.channel === 'sms' && a.fieldIds === null && a.withdrawn > 0),
    JSON.stringify(history),
  ).toBe(true);
  expect(history.value?.suppression.sms.all).toBe(true);

  // the person's page (built separately): when it exists it shows the person and the opt-out
  await page.goto(`${server.url}#/subscribers/${asking.id}`);
  const missing = page.getByText('없는 화면입니다');
  const person = page.getByText(asking.name).first();
  await expect(missing.or(person)).toBeVisible({ timeout: 60_000 });
  if (await person.isVisible()) await expect(page.getByText(/수신거부/).first()).toBeVisible();
});
