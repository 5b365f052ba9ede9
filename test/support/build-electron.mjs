// Builds the Electron main and preload bundles the way Forge's Vite plugin does (lib, cjs),
// so a machine without the Electron binary still proves they compile and bundle.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, loadConfigFromFile, mergeConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

for (const [entry, cfg, name] of [
  ['src/main/electron/main.ts', 'vite.main.config.mts', 'main'],
  ['src/main/electron/preload.ts', 'vite.preload.config.mts', 'preload'],
  ['src/main/subscribers/import/readWorker.ts', 'vite.main.config.mts', 'readWorker'],
  ['src/main/subscribers/import/importWorker.ts', 'vite.main.config.mts', 'importWorker'],
]) {
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, path.join(root, cfg));
  const base = {
    root,
    logLevel: 'warn',
    define: {
      MAIN_WINDOW_VITE_DEV_SERVER_URL: 'undefined',
      MAIN_WINDOW_VITE_NAME: JSON.stringify('main_window'),
    },
    build: {
      outDir: path.join(root, '.vite/build'),
      emptyOutDir: false,
      minify: false,
      lib: { entry: path.join(root, entry), formats: ['cjs'], fileName: () => `${name}.js` },
      rollupOptions: { external },
    },
    resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
  };
  await build(mergeConfig(base, loaded?.config ?? {}));
  console.log(`built .vite/build/${name}.js`);
}
