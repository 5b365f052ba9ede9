import { ADMIN_PASSWORD, expect, login, nav, runCli, test } from './fixtures';

test('reports: pick a report and period, charts and tables, xlsx download; SNS channels and figures', async ({
  page,
  server,
}) => {
  test.setTimeout(300_000);
  const seed = await runCli(server.dbPath, [
    'demo',
    '--individuals',
    '80',
    '--businesses',
    '5',
    '--seed',
    '4',
  ]);
  expect(seed.code, seed.stderr).toBe(0);
  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);

  await nav(page).getByRole('menuitem', { name: '보고서' }).click();
  await expect(page.getByRole('heading', { name: '보고서', level: 1 })).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('보고서', { exact: true }).click();
  await page.locator('.ant-select-item-option[title="구독자 현황"]').click({ timeout: 20_000 });
  await expect(page).toHaveURL(/#\/reports\/subscribers$/);
  // the period picker is labelled; the summary counts everyone registered today
  await expect(page.getByLabel('기간')).toBeVisible();
  await expect(page.getByRole('heading', { name: '요약', level: 2 })).toBeVisible({ timeout: 60_000 });
  const summary = page
    .getByRole('region', { name: '구독자 현황' })
    .locator('.ant-card')
    .filter({ hasText: '요약' });
  await expect(summary.getByRole('row').last()).toContainText('85');
  await expect(page.getByRole('img', { name: '연령대별 구독자' })).toBeVisible();

  await page.screenshot({ path: '/tmp/shots/reports.png', fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '엑셀로 저장' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

  await nav(page).getByRole('menuitem', { name: 'SNS' }).click();
  await expect(page.getByRole('heading', { name: 'SNS', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'https://twitter.com/seongdonggu' })).toBeVisible();
  await page.getByRole('button', { name: '채널 추가' }).click();
  const dialog = page.getByRole('dialog', { name: 'SNS 채널 추가' });
  await dialog.getByLabel('채널 이름').fill('유튜브');
  await dialog.getByLabel('주소', { exact: true }).fill('https://www.youtube.com/@seongdong');
  await dialog.getByLabel('종류').click();
  await page.locator('.ant-select-item-option[title="유튜브"]').click({ timeout: 20_000 });
  await dialog.getByRole('button', { name: '저장' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'https://www.youtube.com/@seongdong' })).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/sns.png', fullPage: true });
});
