import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** Ships the migrations and the ward seed next to the bundled main process. */
function copyRuntimeFiles(): Plugin {
  return {
    name: 'sotong-copy-runtime-files',
    writeBundle(options) {
      const out = options.dir ?? path.resolve(import.meta.dirname, '.vite/build');
      fs.cpSync(path.resolve(import.meta.dirname, 'src/main/db/migrations'), path.join(out, 'migrations'), { recursive: true });
      fs.cpSync(path.resolve(import.meta.dirname, 'assets/seed'), path.join(out, 'assets/seed'), { recursive: true });
    },
  };
}

// Forge's Vite plugin supplies the entry and lib format; native modules stay external.
export default defineConfig({
  plugins: [copyRuntimeFiles()],
  build: {
    // playwright-core: only the CLI and web mode print PDFs with it (Electron uses printToPDF)
    rollupOptions: { external: ['better-sqlite3', 'electron', 'playwright-core'] },
  },
});
