// better-sqlite3 is built for one ABI at a time. After `npm start` (electron-forge rebuilds it for
// Electron) the tests on plain Node would crash; say so plainly instead.
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').prepare('select 1').get();
} catch (e) {
  const msg = String(e?.message);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(msg)) {
    console.error(
      'better-sqlite3가 Electron용으로 빌드되어 있어 Node에서 테스트를 돌릴 수 없습니다.\n' +
        'better-sqlite3 is built for Electron; run `npm rebuild better-sqlite3` to restore the Node build for tests.',
    );
  } else {
    console.error('better-sqlite3를 불러올 수 없습니다:', msg);
  }
  process.exit(1);
}
