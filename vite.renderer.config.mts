import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served two ways: by Electron (file:// via Forge) and by the
// web-mode bridge. Relative base keeps both working.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  build: {
    // SOTONG_RENDERER_DIR: a private build (served by `web` with the same variable)
    outDir: process.env.SOTONG_RENDERER_DIR
      ? path.resolve(process.env.SOTONG_RENDERER_DIR)
      : path.resolve(import.meta.dirname, '.vite/renderer/main_window'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
