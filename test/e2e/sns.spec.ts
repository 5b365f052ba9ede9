import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { ADMIN_PASSWORD, expect, login, nav, test } from './fixtures';

test('SNS: monthly figures from a CP949 CSV, the sample ward table, and this ward’s rank', async ({
  page,
  server,
}) => {
  test.setTimeout(240_000);
  // a figures sheet as Excel saves “CSV” in a Korean office (CP949), one row wrong
  const figures = path.join(server.dir, 'SNS 수치.csv');
  fs.writeFileSync(
    figures,
    iconv.encode(
      '채널,월,팔로워·친구,게시물,방문자\r\n트위터,2015.01,"3,400",2500,-\r\n트위터,2015.02,"3,536",2530,-\r\n블로그,2015년 2월,-,1390,"38,796"\r\n없는채널,2015-02,1,1,1\r\n',
      'cp949',
    ),
  );

  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await nav(page).getByRole('menuitem', { name: 'SNS' }).click();
  await expect(page.getByRole('heading', { name: 'SNS', level: 1 })).toBeVisible({ timeout: 60_000 });

  await page.getByLabel('수치 파일').setInputFiles(figures);
  await page.getByRole('button', { name: '수치 가져오기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '월별 수치' })).toContainText(
    '4줄 읽음, 3줄 저장, 1줄 제외',
  );
  await expect(page.getByRole('table', { name: '제외된 줄' })).toContainText('5행');
  await expect(page.getByRole('table', { name: '제외된 줄' })).toContainText(
    '채널을 찾을 수 없습니다: 없는채널',
  );
  // the channel table shows the latest month, and the chart over time appears
  const twitterRow = page.getByRole('row').filter({ hasText: 'https://twitter.com/seongdonggu' });
  await expect(twitterRow).toContainText('2015.02');
  await expect(twitterRow).toContainText('3,536');
  await expect(page.getByRole('img', { name: '월별 팔로워·친구' })).toBeVisible();

  // other wards: nothing yet, then the shipped sample (the seed's attachment 3) with one button
  await expect(page.getByText('아직 다른 구 수치가 없습니다')).toBeVisible();
  await page.getByRole('button', { name: '예시 표 불러오기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '다른 구 수치' })).toContainText(
    '2015.02 기준): 25줄 읽음, 25줄 저장, 0줄 제외',
  );
  await expect(page.getByText('트위터 팔로워: 표 12,399, 계산 12,399 — 일치')).toBeVisible();
  const ranks = page.getByRole('region', { name: '순위표' });
  await expect(ranks.getByRole('heading', { name: '성동구의 순위 (2015.02 기준)' })).toBeVisible();
  const tw = ranks.getByRole('row').filter({ hasText: '트위터 팔로워' });
  await expect(tw).toContainText('3,536');
  await expect(tw).toContainText('12,399');
  await expect(tw).toContainText('25개 구 중 22위');
  await expect(ranks.getByRole('row').filter({ hasText: '페이스북 좋아요' })).toContainText(
    '25개 구 중 18위',
  );
  await expect(
    ranks.getByRole('img', { name: '트위터 팔로워 — 성동구 25개 구 중 22위, 평균 12,399' }),
  ).toBeVisible();
  // antd's button-style radios hide the input: the visible label is what a person clicks
  await ranks.locator('label.ant-radio-button-wrapper').filter({ hasText: '블로그 방문자' }).click();
  await expect(ranks.getByRole('radio', { name: '블로그 방문자' })).toBeChecked();
  await expect(ranks.getByRole('img', { name: /블로그 방문자 — 성동구 25개 구 중 18위/ })).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/sns-peers.png', fullPage: true });

  // the same table as a CSV file sent from the screen, month read from the “(… 기준)” line
  await page.getByLabel('비교표 파일').setInputFiles(path.resolve('assets/sns-wards-2015-02.csv'));
  await page.getByRole('button', { name: '비교표 가져오기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '다른 구 수치' })).toContainText('25줄 저장');
  await expect(tw).toContainText('25개 구 중 22위');
});
