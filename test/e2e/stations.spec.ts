import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, expect, login, nav, runCli, test } from './fixtures';

test.setTimeout(480_000);

const PASS = '마장동과 본청의 암호 2026';

async function cli(db: string, args: string[]) {
  const r = await runCli(db, args);
  expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

test('HQ imports a station package made by the CLI, sees the counts and a conflict, resolves it, sends a receipt', async ({
  page,
  server,
}) => {
  const f = (name: string) => path.join(server.dir, name);
  const st = f('station.db');
  // 마장동 주민센터 (SD03) types two people; HQ already has one of them with another birth year
  await cli(st, ['init', '--station', 'SD03', '--admin-password', ADMIN_PASSWORD]);
  fs.writeFileSync(
    f('st.csv'),
    '성명,휴대전화,생년,행정동,문화공연\n가나다,010-0111-2222,1975,마장동,O\n라마바,010-0111-3333,1982,마장동,O\n',
  );
  fs.writeFileSync(f('hq.csv'), '성명,휴대전화,생년,행정동,문화공연\n가나다,010-0111-2222,1980,마장동,O\n');
  await cli(st, ['import', f('st.csv'), '--json']);
  await cli(server.dbPath, ['import', f('hq.csv'), '--json']);
  await cli(st, ['station', 'pair', 'export', f('st.pair.json')]);
  const pending = await cli(st, ['station', 'pending']);
  expect(pending.stdout).toContain('HQ에 보낼 변경 4건');
  await cli(st, ['station', 'export', f('p1.sotong'), '--passphrase', PASS]);

  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible({ timeout: 30_000 });
  await nav(page).getByRole('menuitem', { name: '자료 교환' }).click();
  await expect(page.getByRole('heading', { name: '접수처 자료 교환', level: 1 })).toBeVisible();
  await expect(page.getByText('(HQ, 본청)')).toBeVisible();

  // pairing: the station's key file, through the UI
  await page.getByLabel('상대편 짝 맺기 파일').setInputFiles(f('st.pair.json'));
  await page.getByRole('button', { name: '짝 맺기 파일 가져오기' }).click();
  await expect(page.getByText(/마장동 주민센터 \(SD03\)와\(과\) 짝을 맺었습니다/)).toBeVisible();
  // and HQ's key file back to the station (downloaded from the page), so it trusts HQ's receipts
  const pairFile = page.waitForEvent('download');
  await page.getByRole('button', { name: '짝 맺기 파일 만들기' }).click();
  await (await pairFile).saveAs(f('hq.pair.json'));
  await cli(st, ['station', 'pair', 'import', f('hq.pair.json')]);

  // a wrong passphrase is refused in Korean and changes nothing
  await page.getByLabel('꾸러미 파일 (.sotong)').setInputFiles(f('p1.sotong'));
  await page.getByLabel('꾸러미 암호').fill('틀린 암호입니다 1234');
  await page.getByRole('button', { name: '가져오기', exact: true }).click();
  // (a toast from the pairing step may still be fading out: another role=alert)
  await expect(page.getByRole('alert').filter({ hasText: '암호' })).toBeVisible();

  await page.getByLabel('꾸러미 암호').fill(PASS);
  await page.getByRole('button', { name: '가져오기', exact: true }).click();
  const result = page.getByRole('status', { name: '꾸러미 가져오기 결과' });
  await expect(result).toContainText('마장동 주민센터 꾸러미 1번을 가져왔습니다.');
  await expect(result).toContainText('새로 등록1명');
  await expect(result).toContainText('같은 휴대전화로 합침1명');
  await expect(result).toContainText('검토할 충돌1건');

  // per-station counts, and the receipt back to the station
  const row = page.getByRole('row', { name: /마장동 주민센터/ }).first();
  await expect(row).toContainText('1개');
  await expect(row).toContainText('오늘');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '마장동 주민센터 수령증 만들기' }).click();
  const receipt = await download;
  await receipt.saveAs(f('r1.sotong'));
  const back = await cli(st, ['station', 'receipt', 'import', f('r1.sotong')]);
  expect(back.stdout).toContain('본청이 꾸러미 1번을 받았습니다.');
  expect(back.stdout).toContain('HQ에 보낼 변경 0건');

  // the conflict: 출생연도 1980 (HQ) vs 1975 (station)
  await row.getByRole('link', { name: '1건' }).click();
  await expect(page).toHaveURL(/#\/stations\/conflicts\?station=/);
  const conflict = page.getByRole('row', { name: /가나다/ });
  await expect(conflict).toContainText('1980');
  await expect(conflict).toContainText('1975');
  await page.getByRole('button', { name: /가나다 .* 본청 값으로/ }).click();
  await expect(page.getByText(/가나다의 .*: 본청 값으로 처리했습니다/)).toBeVisible();
  await expect(page.getByText('검토할 충돌이 없습니다.')).toBeVisible();
  await page.getByText('처리한 충돌', { exact: true }).click();
  await expect(page.getByRole('row', { name: /가나다/ })).toContainText('1980');

  // nothing silent: the only paired station sent today
  await page.getByRole('tab', { name: '받은 꾸러미' }).click();
  await expect(page.getByText('7일 안에 모든 접수처가 꾸러미를 보냈습니다.')).toBeVisible();

  // the person kept HQ's birth year (1980: in their forties, not fifties), one person for both
  await nav(page).getByRole('menuitem', { name: '구독자' }).click();
  await page.getByLabel('구독자 검색').fill('가나다');
  await expect(page.getByText(/모두 1명/)).toBeVisible();
  const person = page.locator('.ant-table-tbody-virtual'); // virtual rows are plain divs
  await expect(person).toContainText('가나다');
  await expect(person).toContainText('40대');
});
