import fs from 'node:fs';
import path from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

// Forge's Vite plugin packages only .vite/: copy the native database driver in beside it.
const NATIVE_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

const config: ForgeConfig = {
  packagerConfig: {
    name: '소통창구',
    executableName: 'sotong',
    asar: { unpack: '**/*.node' },
    extraResource: ['assets'],
  },
  rebuildConfig: { onlyModules: ['better-sqlite3'], force: true },
  makers: [
    new MakerSquirrel({ name: 'sotong', setupExe: 'sotong-setup.exe' }),
    new MakerZIP({}, ['win32', 'linux', 'darwin']),
    new MakerDeb({
      options: {
        name: 'sotong',
        productName: '소통창구',
        genericName: '구청 전자소통',
        categories: ['Office'],
        bin: 'sotong',
      },
    }),
  ],
  hooks: {
    packageAfterCopy: async (_config, buildPath) => {
      for (const mod of NATIVE_MODULES) {
        const from = path.resolve(__dirname, 'node_modules', mod);
        if (fs.existsSync(from))
          fs.cpSync(from, path.join(buildPath, 'node_modules', mod), { recursive: true });
      }
    },
  },
  plugins: [
    new AutoUnpackNativesPlugin({}),
    new VitePlugin({
      build: [
        { entry: 'src/main/electron/main.ts', config: 'vite.main.config.mts', target: 'main' },
        { entry: 'src/main/electron/preload.ts', config: 'vite.preload.config.mts', target: 'preload' },
        // the import's threads (src/main/subscribers/import/threads.ts looks beside main.js): the
        // spreadsheet reader, and the import itself on its own database connection
        {
          entry: 'src/main/subscribers/import/readWorker.ts',
          config: 'vite.main.config.mts',
          target: 'main',
        },
        {
          entry: 'src/main/subscribers/import/importWorker.ts',
          config: 'vite.main.config.mts',
          target: 'main',
        },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.mts' }],
    }),
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    }),
  ],
};

export default config;
