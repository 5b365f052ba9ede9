// Electron's way to print a report: the same A4 HTML (src/main/reports/print/html.ts) in a hidden
// window, then webContents.printToPDF ("PDF로 저장") or the system print dialog. Kept thin: the
// report, its layout and the audit live in the core. main.ts calls installElectronPdf() once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import { setPdfRenderer } from '../reports/pdf';

const MM_PER_INCH = 25.4;

async function withPage<T>(html: string, fn: (win: BrowserWindow) => Promise<T>): Promise<T> {
  // A file, not a data: URL: the embedded font makes the page larger than data: URLs allow.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-print-')), 'report.html');
  fs.writeFileSync(file, html);
  const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true } });
  try {
    await win.loadFile(file);
    return await fn(win);
  } finally {
    win.destroy();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

export function printHtmlToPdf(
  html: string,
  templates: { headerTemplate: string; footerTemplate: string },
): Promise<Buffer> {
  return withPage(html, (win) =>
    win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      ...templates,
      margins: {
        top: 20 / MM_PER_INCH,
        bottom: 18 / MM_PER_INCH,
        left: 14 / MM_PER_INCH,
        right: 14 / MM_PER_INCH,
      },
    }),
  );
}

/** The system print dialog for the same page. */
export function printHtmlWithDialog(html: string): Promise<boolean> {
  return withPage(
    html,
    (win) =>
      new Promise<boolean>((resolve) =>
        win.webContents.print({ silent: false, printBackground: true }, (ok) => resolve(ok)),
      ),
  );
}

/** In the desktop app, reports.pdf prints through Electron instead of launching Chromium. */
export function installElectronPdf(): void {
  setPdfRenderer(printHtmlToPdf);
}
