import { type SolapiTestServer, startSolapiServer } from '../../src/main/gateways/testServers/solapi';
import { ADMIN_PASSWORD, expect, login, nav, test } from './fixtures';

let srv: SolapiTestServer;
test.beforeEach(async () => {
  srv = await startSolapiServer({ apiKey: 'E2EKEY', apiSecret: 'e2e-secret', senders: ['0222860114'] });
});
test.afterEach(() => srv.close());

test('설정 → 문자 발송: choose Solapi, save key and secret, 연결 시험, 시험 발송', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await nav(page).getByRole('menuitem', { name: '설정' }).click();
  await page.getByRole('tab', { name: '문자 발송' }).click();

  await page.getByText('솔라피 (Solapi)', { exact: true }).click();
  await page.getByLabel('API 주소').fill(srv.url);
  await page.getByLabel('API Key').fill('E2EKEY');
  await page.getByLabel('발신번호 (비우면 기본 설정의 발신번호)').fill('0222860114');
  await page.getByLabel('API Secret').fill('e2e-secret');
  await page.getByRole('button', { name: '저장' }).click();
  await expect(page.getByText('문자 발송 설정을 저장했습니다.')).toBeVisible();
  await expect(page.getByText('저장되어 있습니다. 바꿀 때만 입력하세요.', { exact: false })).toBeVisible();

  await page.getByRole('button', { name: '연결 시험' }).click();
  await expect(page.getByRole('status').filter({ hasText: '잔액 100,000원' })).toBeVisible();

  await page.getByLabel('받을 직원 번호').fill('010-1234-5678');
  await page.getByRole('button', { name: '시험 발송' }).click();
  await expect(page.getByText('솔라피 (Solapi)에 접수되었습니다', { exact: false })).toBeVisible();
  expect(srv.messages.map((m) => [m.to, m.from])).toEqual([['01012345678', '0222860114']]);
});
