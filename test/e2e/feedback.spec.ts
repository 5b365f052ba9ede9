import { bouncesOf } from '../../src/main/bounces';
import { verpAddress } from '../../src/main/bounces/verp';
import { createCore } from '../../src/main/core/core';
import { addPerson, addSentEmail, fieldIdOf, postfixDsn } from '../main/bounces/helpers';
import { ADMIN_PASSWORD, confirmDialog, expect, login, nav, test } from './fixtures';

/**
 * Seeds what the bounce mailbox would have read: a person with a paper form, a campaign mail to
 * them, its Postfix DSN (5.1.1), a soft bounce, and a burst of 5.7.1 rejections at one domain.
 * It goes through the real BounceService on the same database the web server uses.
 */
async function seedBounces(dbPath: string) {
  const core = await createCore({ dbPath, mode: 'cli' });
  try {
    const field = fieldIdOf(core, '문화공연');
    const p = addPerson(core, {
      name: '김민지',
      email: 'minji@exampel.net',
      mobile: '01012345678',
      fields: ['문화공연'],
      formRef: 'SD01-2025-0007',
    });
    const sent = addSentEmail(core, {
      subscriberId: p.id,
      address: 'minji@exampel.net',
      fieldIds: [field],
      campaignName: '3월 문화공연 안내',
    });
    const svc = bouncesOf(core).service;
    await svc.ingest(
      postfixDsn({
        verp: verpAddress(sent.token, 'news.example.go.kr'),
        recipient: 'minji@exampel.net',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <minji@exampel.net>: Recipient address rejected: User unknown',
      }),
    );
    const q = addPerson(core, { name: '박서준', email: 'seojun@example.org', fields: ['문화공연'] });
    const sentSoft = addSentEmail(core, {
      subscriberId: q.id,
      address: 'seojun@example.org',
      fieldIds: [field],
    });
    await svc.ingest(
      postfixDsn({
        verp: verpAddress(sentSoft.token, 'news.example.go.kr'),
        recipient: 'seojun@example.org',
        status: '4.2.2',
        diagnostic: '452 4.2.2 Mailbox full',
      }),
    );
    for (let i = 0; i < 6; i++) {
      const email = `user${i}@blocked.example.com`;
      const r = addPerson(core, { name: `차단${i}`, email, fields: ['문화공연'] });
      const s = addSentEmail(core, { subscriberId: r.id, address: email, fieldIds: [field] });
      await svc.ingest(
        postfixDsn({
          verp: verpAddress(s.token, 'news.example.go.kr'),
          recipient: email,
          status: '5.7.1',
          diagnostic: '550 5.7.1 Service unavailable; client host blocked using Spamhaus',
        }),
      );
    }
  } finally {
    core.close();
  }
}

test('반송 정정: fix the bounced address, resend, and see it resolved; 발신 차단 의심 listed', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  await seedBounces(server.dbPath);
  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await nav(page).getByRole('menuitem', { name: '반송 정정' }).click();
  await expect(page.getByRole('heading', { name: '반송 정정', level: 1 })).toBeVisible({ timeout: 60_000 });

  // soft bounces are counted, not listed for correction
  const summary = page.getByRole('status').filter({ hasText: '일시 실패' });
  await expect(summary).toContainText('고칠 주소 1건');
  await expect(summary).toContainText('일시 실패(자동 재시도, 정정 불필요) 1건');
  // the 5.7.1 burst is not listed for correction: it waits in its own tab
  await expect(page.getByRole('row', { name: /차단0/ })).toHaveCount(0);
  const row = page.getByRole('row', { name: /김민지/ });
  await expect(row).toContainText('010-1234-5678');
  await expect(row).toContainText('SD01-2025-0007');
  await expect(row).toContainText('받는 사람 주소가 없습니다');
  await expect(row).toContainText('3월 문화공연 안내');
  await expect(row).toContainText('수신 불가로 표시됨');
  await expect(page.getByRole('row', { name: /박서준/ })).toHaveCount(0);

  await page.screenshot({ path: test.info().outputPath('bounces.png'), fullPage: true });
  await row.getByRole('button', { name: '김민지 주소 고치기' }).click();
  const dialog = page.getByRole('dialog', { name: '주소 고치고 다시 보내기' });
  await dialog.getByLabel('고친 이메일 주소').fill('minji@example.net');
  await dialog.getByRole('button', { name: '고치고 다시 보내기' }).click();
  await expect(page.getByText('주소를 고치고 다시 보냈습니다.')).toBeVisible();
  await expect(page.getByRole('row', { name: /김민지/ })).toHaveCount(0);

  await page.getByRole('tab', { name: '처리한 것' }).click();
  const done = page.getByRole('row', { name: /김민지/ });
  await expect(done).toContainText('지금 주소: minji@example.net');
  await expect(done).toContainText('주소 정정(minji@example.net) 후 다시 보냄');

  await page.getByRole('tab', { name: /발신 차단 의심/ }).click();
  await expect(page.getByText('이 주소들은 수신 불가로 표시하지 않았습니다.')).toBeVisible();
  await expect(page.getByText('user0@blocked.example.com')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('blocks.png'), fullPage: true });
  await page.getByRole('button', { name: '@blocked.example.com 모두 처리 완료' }).click();
  await confirmDialog(page.getByRole('dialog'), '처리 완료');
  await expect(page.getByText('발신 차단으로 보이는 반송이 없습니다.')).toBeVisible();
  await expect(page.getByRole('tab', { name: '발신 차단 의심 0' })).toBeVisible();
});

test('설정: 수신거부 설정 저장과 지금 가져오기, 공개 웹 상태, 반송 메일함 비밀번호', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  await page.goto(server.url);
  await login(page, 'admin', ADMIN_PASSWORD);
  await nav(page).getByRole('menuitem', { name: '설정' }).click();

  // 수신거부
  await page.getByRole('tab', { name: '수신거부' }).click();
  await page.getByLabel('처리 확인 문자 보내기').click();
  await page.getByLabel('확인 문자 내용').fill('[{구이름}] 수신거부 처리 완료');
  await page.getByLabel('080 목록·문자 수신함 가져오기 주기 (분, 0이면 직접 누를 때만)').fill('30');
  await page.getByRole('button', { name: '수신거부 설정 저장' }).click();
  await expect(page.getByText('수신거부 설정을 저장했습니다.')).toBeVisible();
  await page.getByRole('button', { name: '지금 가져오기' }).click();
  await expect(page.getByRole('status').filter({ hasText: '가져왔습니다.' })).toContainText('메시지 0건');

  await page.reload();
  await expect(page.getByLabel('처리 확인 문자 보내기')).toBeChecked({ timeout: 60_000 });
  await expect(page.getByLabel('확인 문자 내용')).toHaveValue('[{구이름}] 수신거부 처리 완료');
  await expect(page.getByLabel('080 목록·문자 수신함 가져오기 주기 (분, 0이면 직접 누를 때만)')).toHaveValue(
    '30',
  );

  // 공개 웹: status and a saved base URL
  await page.getByRole('tab', { name: '공개 웹' }).click();
  await expect(page.getByText('지금 상태')).toBeVisible();
  await page.getByLabel('공개 주소 (주민에게 보내는 링크의 시작)').fill('https://sotong.example.go.kr');
  await page.getByRole('button', { name: '저장하고 적용' }).click();
  await expect(page.getByText('저장했습니다. 공개 웹은 꺼져 있습니다.')).toBeVisible();
  await expect(page.getByText('https://sotong.example.go.kr', { exact: true })).toBeVisible();

  // 반송 메일함: the password is stored, never shown back
  await page.screenshot({ path: test.info().outputPath('public-web.png'), fullPage: true });
  await page.getByRole('tab', { name: '반송 메일함' }).click();
  await page.getByLabel('IMAP 서버 주소').fill('127.0.0.1');
  await page.getByLabel('IMAP 포트').fill('1');
  await page.getByLabel('암호화 연결(TLS)').click();
  await page.getByLabel('메일함 아이디').fill('bounces');
  await page.getByLabel('메일함 비밀번호').fill('imap-secret-1');
  await page.getByRole('button', { name: '저장', exact: true }).click();
  await expect(page.getByText('반송 메일함 설정을 저장했습니다.')).toBeVisible();
  await expect(page.getByLabel('메일함 비밀번호')).toHaveValue('');
  await expect(page.getByText('비밀번호 저장됨')).toBeVisible();
  await expect(page.getByText('imap-secret-1')).toHaveCount(0);
  // nothing listens on port 1: the poll fails with its reason shown
  await page.getByRole('button', { name: '지금 확인' }).click();
  await expect(page.getByRole('status').filter({ hasText: /확인|오류|연결|실패/ })).toBeVisible();
});
