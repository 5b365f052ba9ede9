import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN_PASSWORD, expect, login, nav, runCli, test } from './fixtures';

async function openSurveys(page: Page, url: string) {
  await page.goto(url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await nav(page).getByRole('menuitem', { name: '설문' }).click();
  await expect(page.getByRole('heading', { name: '설문', level: 1 })).toBeVisible({ timeout: 60_000 });
}

test('survey: a request, the builder with show-if, publish, preview, invite, funnel', async ({
  page,
  server,
}) => {
  test.setTimeout(420_000);
  const seed = await runCli(server.dbPath, ['demo', '--individuals', '80', '--seed', '7']);
  expect(seed.code, seed.stderr).toBe(0);
  await openSurveys(page, server.url);

  // a request (admin may file one too), accepted, then built from
  await page.getByRole('tab', { name: '설문 요청' }).click();
  await page.getByRole('button', { name: '설문 요청하기' }).click();
  const req = page.getByRole('dialog', { name: '설문 요청' });
  await req.getByLabel('사업명').fill('마을버스 만족도');
  await req.getByLabel('조사 목적').fill('노선 개편 전 주민 의견');
  await req.getByRole('button', { name: '요청 보내기' }).click();
  await expect(req).toBeHidden();
  const row = page.getByRole('row', { name: /마을버스 만족도/ });
  await expect(row).toContainText('접수 대기');
  await row.getByRole('button', { name: '수락' }).click();
  await page.getByRole('dialog', { name: '요청 수락' }).getByRole('button', { name: '수락' }).click();
  await expect(row).toContainText('수락');
  await row.getByRole('button', { name: '설문 만들기' }).click();
  await expect(page.getByRole('heading', { name: '새 설문', level: 1 })).toBeVisible();

  await page.getByLabel('설문 제목').fill('마을버스 만족도 조사');
  await page.getByLabel('초대 메일').uncheck(); // no SMTP here: SMS only (test gateway)
  // question 1: single choice
  await page.getByLabel('문항', { exact: true }).first().fill('마을버스를 이용하십니까?');
  await page.getByLabel('보기 (한 줄에 하나)').first().fill('예\n아니오');
  // a second page whose question shows only for 예
  await page.getByRole('button', { name: '쪽 추가' }).click();
  const q2 = page.getByLabel('문항', { exact: true }).nth(1);
  await q2.fill('주로 타는 노선은?');
  // keyboard: open the select, Enter takes the first (only) earlier question, then 예
  await page.getByLabel('보이는 조건: 앞 문항').nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByLabel('답이 이 값일 때').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // an empty option is refused with the shared Korean rules
  await page.getByRole('button', { name: '1쪽에 문항 추가' }).click();
  await page.getByRole('button', { name: '저장' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '문항 내용을 입력하세요.' })).toBeVisible();
  await page.getByLabel('문항', { exact: true }).nth(1).fill('전반적으로 만족하십니까?');
  await page.getByRole('button', { name: '저장' }).click();

  await expect(page.getByRole('heading', { name: '마을버스 만족도 조사', level: 1 })).toBeVisible();
  await expect(page.getByText('작성 중')).toBeVisible();
  await page.getByRole('button', { name: '미리보기' }).click();
  const preview = page.frameLocator('iframe[title="응답자 화면 미리보기"]');
  await expect(preview.getByText('마을버스를 이용하십니까?')).toBeVisible();
  await page.getByRole('button', { name: '다음 쪽' }).click();
  await expect(preview.getByText('주로 타는 노선은?')).toBeVisible();
  await page.getByRole('button', { name: '닫기' }).last().click();

  await page.getByRole('button', { name: '게시' }).click();
  await expect(page.getByText('진행', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '초대 보내기' }).click();
  const inv = page.getByRole('dialog', { name: '초대 보내기' });
  await inv.getByLabel('표본 수 (비우면 모두)').fill('10');
  await inv.getByLabel('추출 씨앗 (같은 씨앗 = 같은 표본)').fill('e2e');
  await inv.getByLabel('밤 9시~아침 8시 문자 발송을 확인합니다').check();
  await inv.getByRole('button', { name: '보내기' }).click();
  await expect(page.getByText(/10명을 초대했습니다/)).toBeVisible();
  // the funnel: 10 invited, delivered through the test gateway
  const total = page.getByRole('row', { name: /^전체/ });
  await expect(total.getByRole('cell').nth(1)).toHaveText('10', { timeout: 60_000 });
  await expect(total.getByRole('cell').nth(2)).toHaveText('10', { timeout: 60_000 });
  fs.mkdirSync('/tmp/shots', { recursive: true });
  await page.screenshot({ path: path.join('/tmp/shots', 'surveys-detail.png'), fullPage: true });

  // a paper answer entered by staff for a person found in the registry; input shown as text
  await page.getByRole('button', { name: '종이·전화 응답 입력' }).click();
  const entry = page.getByRole('dialog', { name: '종이·전화 응답 입력' });
  await entry.getByLabel('응답자 찾기 (이름·전화·이메일)').fill('010');
  await entry.getByLabel('응답자', { exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await entry.getByLabel('q1. 마을버스를 이용하십니까? (필수)').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await entry.getByLabel(/주로 타는 노선은/).fill('<script>alert(1)</script>');
  await entry.getByRole('radio', { name: '4' }).check();
  await entry.getByRole('button', { name: '입력' }).click();
  await expect(entry).toBeHidden();
  await expect(page.getByText('평균 4점')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('<script>alert(1)</script>')).toBeVisible();
  await expect(page.getByText('응답 1명').first()).toBeVisible();

  // back on the list
  await nav(page).getByRole('menuitem', { name: '설문' }).click();
  await expect(page.getByRole('row', { name: /마을버스 만족도 조사/ })).toContainText('진행');
});
