// Electron glue, kept thin: window, hardening, IPC → the same router every other way in uses.
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, session, shell, type WebContents } from 'electron';
import type { Core } from '../core/core';
import { createCore } from '../core/core';
import { defaultDataDir, defaultDbPath } from '../core/paths';
import { downloadsOf } from '../system/downloads';
import { installElectronPdf } from './printPdf';

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

// The CLI and the app share one data folder (and so one database).
app.setPath('userData', defaultDataDir());
if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | null = null;
/** session tokens live here, per window; the renderer never sees them */
const sessions = new Map<number, string | null>();

function isOurFrame(url: string | undefined): boolean {
  if (!url) return false;
  if (MAIN_WINDOW_VITE_DEV_SERVER_URL) return url.startsWith(MAIN_WINDOW_VITE_DEV_SERVER_URL);
  return url.startsWith('file://');
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '소통창구',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  harden(win.webContents);
  const id = win.webContents.id;
  sessions.set(id, null);
  win.on('closed', () => {
    core?.sessions.destroy(sessions.get(id));
    sessions.delete(id);
  });
  if (MAIN_WINDOW_VITE_DEV_SERVER_URL) void win.loadURL(MAIN_WINDOW_VITE_DEV_SERVER_URL);
  else void win.loadFile(path.join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}/index.html`));
  return win;
}

function harden(wc: WebContents): void {
  wc.on('will-navigate', (e, url) => {
    if (!isOurFrame(url)) e.preventDefault();
  });
  wc.setWindowOpenHandler(({ url }) => {
    // Links to the ward's own pages (SNS, help) open in the system browser, never in the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
}

function registerIpc(c: Core): void {
  ipcMain.handle('sotong:invoke', async (event, channel: unknown, input: unknown) => {
    if (!isOurFrame(event.senderFrame?.url) || typeof channel !== 'string')
      return { ok: false, error: { code: 'FORBIDDEN', message: '허용되지 않은 요청입니다.' } };
    const id = event.sender.id;
    return c.router.dispatch(channel, input, {
      origin: 'ipc',
      address: 'local',
      sessionToken: sessions.get(id) ?? null,
      setSession: (t) => sessions.set(id, t),
    });
  });
  // downloads.prepare gave the page a one-time id; the file is copied where the user picks.
  ipcMain.handle('sotong:download', async (event, id: unknown) => {
    if (!isOurFrame(event.senderFrame?.url) || typeof id !== 'string')
      return { ok: false, error: { code: 'FORBIDDEN', message: '허용되지 않은 요청입니다.' } };
    const userId = c.sessions.touch(sessions.get(event.sender.id) ?? null);
    const user = userId && userId !== 'expired' ? c.users.byId(userId) : null;
    if (!user?.active)
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: '로그인이 필요합니다.' } };
    const entry = downloadsOf(c).take(id, user.id);
    if (!entry)
      return {
        ok: false,
        error: {
          code: 'NOT_FOUND',
          message: '내려받기 번호가 없거나 만료되었습니다. 다시 내려받기를 누르세요.',
        },
      };
    const win = BrowserWindow.fromWebContents(event.sender);
    const opts = {
      title: '파일 저장',
      defaultPath: path.join(app.getPath('downloads'), entry.fileName),
      buttonLabel: '저장',
    };
    const pick = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    if (pick.canceled || !pick.filePath) return { ok: true, value: { saved: null } };
    try {
      await fs.promises.copyFile(entry.file, pick.filePath);
    } catch {
      return { ok: false, error: { code: 'FILE', message: `저장하지 못했습니다: ${pick.filePath}` } };
    }
    return { ok: true, value: { saved: pick.filePath } };
  });
  c.events.subscribe((name, payload) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send('sotong:event', name, payload);
  });
}

app.on('second-instance', () => {
  const w = BrowserWindow.getAllWindows()[0];
  if (w) {
    if (w.isMinimized()) w.restore();
    w.focus();
  }
});

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '파일', submenu: [{ role: 'quit', label: '끝내기' }] },
      {
        label: '편집',
        submenu: [
          { role: 'undo', label: '실행 취소' },
          { role: 'redo', label: '다시 실행' },
          { type: 'separator' },
          { role: 'cut', label: '잘라내기' },
          { role: 'copy', label: '복사' },
          { role: 'paste', label: '붙여넣기' },
          { role: 'selectAll', label: '모두 선택' },
        ],
      },
      {
        label: '보기',
        submenu: [
          { role: 'reload', label: '새로 고침' },
          { role: 'zoomIn', label: '크게' },
          { role: 'zoomOut', label: '작게' },
          { role: 'resetZoom', label: '원래 크기' },
          { role: 'togglefullscreen', label: '전체 화면' },
        ],
      },
    ]),
  );
  try {
    core = await createCore({ dbPath: defaultDbPath(), mode: 'electron', dailyBackup: true });
  } catch (e) {
    dialog.showErrorBox('소통창구를 시작할 수 없습니다', (e as Error).message);
    app.quit();
    return;
  }
  registerIpc(core);
  installElectronPdf(); // reports print to PDF with Electron's own Chromium here
  core.jobs.resumeInterrupted();
  createWindow();
});

app.on('window-all-closed', () => {
  core?.close();
  app.quit();
});
