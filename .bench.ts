import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { campaignsBench } from './src/main/bench/campaigns';
import { renderTable } from './src/main/bench/table';
(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-'));
  const rows = await campaignsBench(dir, process.argv[2] === 'quick', (s) => console.error(s));
  console.log(renderTable(rows));
  fs.rmSync(dir, { recursive: true, force: true });
})();
