import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built renderer in web mode (node src/main/cli/bin.cjs … web) with the
// system's Chromium; each test starts its own server on a fresh database (test/e2e/fixtures.ts).
// Build the renderer first: npx vite build --config vite.renderer.config.mts
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 240_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    headless: true,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
