import { expect, test } from 'vitest';
import { makeTestCore } from '../../support/core';
import { addMany } from './helpers';
import { campaignsOf } from '../../../src/main/campaigns/module';

test('smoke', async () => {
  const t = await makeTestCore();
  const { core, cli } = t;
  addMany(core, 50, 'culture');
  const culture = core.reference.list().fields.find((f) => f.code === 'culture')!.id;
  const c = (await core.router.call('campaigns.save', { name: '시험', fieldIds: [culture], channels: { sms: true }, sms: { text: '{이름}님 안녕하세요. 공연 안내입니다.' } }, cli)) as { id: string };
  console.log(await core.router.call('campaigns.audience', { id: c.id }, cli));
  console.log(JSON.stringify(await core.router.call('campaigns.preview', { id: c.id }, cli), null, 1));
  await core.router.call('campaigns.launch', { id: c.id }, cli);
  const p = await campaignsOf(core).dispatcher.run(c.id, { waitForReportsMs: 2000 });
  console.log(p);
  console.log(await core.router.call('campaigns.results', { id: c.id }, cli));
  t.cleanup();
});
