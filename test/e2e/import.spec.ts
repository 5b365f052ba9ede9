import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, login, nav, runCli, test } from './fixtures';

/** An antd Select by its label: the label sits on the search input, the chosen value beside it. */
const select = (page: Page, label: string) =>
  page.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });

test.setTimeout(240_000);

/** A legacy registry sheet as offices keep it: 핸드폰 header, a phone that lost its 0, a duplicate, no contact. */
async function legacyXlsx(file: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('명단');
  ws.addRow(['성명', '핸드폰', '이메일', '생년월일', '성별', '행정동', '문화공연', '비고란']);
  ws.addRow(['가나다', '010-0111-2222', 'ganada@example.com', '1975.03.02', '남', '마장동', 'O', '']);
  ws.addRow(['라마바', '1001112223', '', 1980, '여', '왕십리2동', 'O', '']);
  ws.addRow(['사아자', '010-0111-2224', 'saaja@naver.con', '', '여', '마장동', 'X', '']);
  ws.addRow(['가나다', '01001112222', '', '', '', '마장동', 'O', '다시 낸 신청서']);
  ws.addRow(['연락처없음', '', '', '1990', '남', '마장동', 'O', '']);
  await wb.xlsx.writeFile(file);
}

test('imports an xlsx: auto-mapped headers, a mapping change saved, a job with counts and the report', async ({
  page,
  server,
}) => {
  const file = path.join(server.dir, '옛 구독자 명부.xlsx');
  await legacyXlsx(file);
  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible({ timeout: 30_000 });

  await nav(page).getByRole('menuitem', { name: '구독자' }).click();
  await page.getByRole('button', { name: '가져오기' }).click();
  await expect(page.getByRole('heading', { name: '구독자 가져오기', level: 1 })).toBeVisible();

  await page.getByLabel('가져올 파일 (xlsx·CSV)').setInputFiles(file);
  await page.getByRole('button', { name: '미리보기' }).click();

  // usual Korean headers are recognised; 비고란 is not, until mapped by hand
  await expect(select(page, '성명 열 대응')).toContainText('이름(상호)', { timeout: 20_000 });
  await expect(select(page, '핸드폰 열 대응')).toContainText('휴대전화');
  await expect(select(page, '문화공연 열 대응')).toContainText('수신 분야(한 분야)');
  await expect(page.getByText(/알아보지 못한 열: 비고란/)).toBeVisible();
  await page.getByLabel('비고란 열 대응').fill('비고');
  await page.getByLabel('비고란 열 대응').press('Enter');
  await expect(select(page, '비고란 열 대응')).toContainText('비고');

  // preview: the lost leading 0 restored, the in-file duplicate merges, the row without contact is rejected
  const preview = page.getByRole('table').last();
  await expect(preview.getByText('010-0111-2223')).toBeVisible();
  await expect(preview.getByText('기존과 합침')).toHaveCount(0);
  await expect(preview.getByText('제외', { exact: true })).toBeVisible();

  await page.getByLabel('열 대응 이름').fill('옛 명부 양식');
  await page.getByRole('button', { name: '열 대응 저장' }).click();
  await expect(page.getByText("열 대응 '옛 명부 양식'을(를) 저장했습니다.")).toBeVisible({ timeout: 20_000 });

  await page.getByRole('button', { name: '가져오기 시작' }).click();
  const result = page.getByRole('status', { name: '가져오기 결과' });
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByRole('row', { name: /파일의 행\s*5행/ })).toBeVisible();
  await expect(result).toContainText('새로 등록3명');
  await expect(result).toContainText('기존과 합침1명');
  await expect(result).toContainText('제외1행');
  await expect(result).toContainText('경고1행');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '결과 보고서 내려받기' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/가져오기결과.*\.xlsx$/);
  const saved = path.join(server.dir, 'report.xlsx');
  await d.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const text = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
  expect(text).toContain('연락처없음');
  expect(fs.statSync(saved).size).toBeGreaterThan(1000);

  // the list shows the new people; the saved mapping is offered for the next file
  await page.getByRole('button', { name: '구독자 목록으로' }).click();
  await expect(page.getByText(/모두 3명/)).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: '가져오기' }).click();
  await page.getByLabel('가져올 파일 (xlsx·CSV)').setInputFiles(file);
  await page.getByRole('button', { name: '미리보기' }).click();
  await page.getByLabel('저장한 열 대응').fill('옛 명부');
  await page.getByLabel('저장한 열 대응').press('Enter');
  await expect(select(page, '비고란 열 대응')).toContainText('비고', { timeout: 20_000 });
  // the same file again adds nobody
  await expect(page.getByRole('table').last().getByText('새로 등록')).toHaveCount(0);
});

test('the subscriber list loads further pages as it scrolls, keeping the filters', async ({
  page,
  server,
}) => {
  const r = await runCli(server.dbPath, ['demo', '--individuals', '450', '--seed', '7']);
  expect(r.code, r.stderr).toBe(0);
  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { name: '대시보드', level: 1 })).toBeVisible({ timeout: 30_000 });
  await nav(page).getByRole('menuitem', { name: '구독자' }).click();
  await expect(page.getByText(/모두 450명/)).toBeVisible();
  await expect(page.getByText('(앞의 200명을 불러옴, 내리면 더 불러옵니다)')).toBeVisible();
  // only the visible rows are in the DOM
  expect(await page.locator('.ant-table-tbody-virtual .ant-table-row').count()).toBeLessThan(60);

  const body = page.locator('.ant-table-tbody-virtual');
  await body.hover();
  for (let i = 0; i < 30; i++) {
    await page.mouse.wheel(0, 2000);
    if (await page.getByText('(앞의 400명을 불러옴, 내리면 더 불러옵니다)').isVisible()) break;
  }
  await expect(page.getByText('(앞의 400명을 불러옴, 내리면 더 불러옵니다)')).toBeVisible();
  await page.getByRole('button', { name: '50명 더 불러오기' }).click();
  await expect(page.getByText(/앞의 \d+명을 불러옴/)).toHaveCount(0);

  // a filter starts again from the first page of the narrower list
  await page.getByLabel('성별').click();
  await page.locator('.ant-select-item-option[title="여"]').click();
  await expect(page.getByText(/모두 (\d+)명/)).not.toHaveText(/모두 450명/);
});
