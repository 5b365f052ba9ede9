// A stand-in for the Electron module, for running the bundled main process on plain Node where
// the Electron binary cannot be installed. It records what the main process asks of Electron
// and then drives its IPC handler like a renderer would, printing one JSON report.
const Module = require('node:module');
const path = require('node:path');

const report = { windows: [], ipc: {}, csp: null, menu: false };
const handlers = new Map();
let readyResolve;
const ready = new Promise((r) => {
  readyResolve = r;
});

let nextId = 1;
class BrowserWindow {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all;
  }
  constructor(opts) {
    this.opts = opts;
    const id = nextId++;
    this.listeners = {};
    this.webContents = {
      id,
      sent: [],
      on() {},
      setWindowOpenHandler: (fn) => {
        this.openHandler = fn;
      },
      send: (...args) => this.webContents.sent.push(args),
    };
    BrowserWindow.all.push(this);
    report.windows.push({ webPreferences: opts.webPreferences, title: opts.title });
  }
  once() {}
  on(ev, fn) {
    this.listeners[ev] = fn;
  }
  loadFile(f) {
    report.loaded = `${path.basename(path.dirname(f))}/${path.basename(f)}`;
    return Promise.resolve();
  }
  loadURL(u) {
    report.loaded = u;
    return Promise.resolve();
  }
}

const fake = {
  app: {
    setPath(_name, p) {
      report.userData = p;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => ready,
    on() {},
    quit() {
      report.quit = true;
    },
  },
  BrowserWindow,
  ipcMain: {
    handle(name, fn) {
      handlers.set(name, fn);
    },
  },
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived(fn) {
          fn({ responseHeaders: {} }, (r) => {
            report.csp = r.responseHeaders['Content-Security-Policy'][0];
          });
        },
      },
      setPermissionRequestHandler() {},
    },
  },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: () => (report.menu = true) },
  shell: { openExternal() {} },
  dialog: {
    showErrorBox(title, msg) {
      report.error = `${title}: ${msg}`;
    },
  },
};

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return 'electron';
  return resolve.call(this, request, ...rest);
};
require.cache.electron = { id: 'electron', filename: 'electron', loaded: true, exports: fake };

setTimeout(async () => {
  readyResolve();
  // Let the main process open its core and window.
  for (let i = 0; i < 100 && !handlers.has('sotong:invoke'); i++) await new Promise((r) => setTimeout(r, 50));
  const invoke = handlers.get('sotong:invoke');
  const win = BrowserWindow.all[0];
  const ev = (url) => ({ sender: { id: win.webContents.id }, senderFrame: { url } });
  if (invoke) {
    report.ipc.status = await invoke(ev('file:///app/index.html'), 'auth.status', {});
    report.ipc.foreign = await invoke(ev('https://evil.example/'), 'auth.status', {});
    report.ipc.unknown = await invoke(ev('file:///app/index.html'), 'nope', {});
    report.openExternalDenied = win.openHandler?.({ url: 'https://example.org' });
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}, 10);
