// The PDF of a report without Electron: the print HTML in Debian's Chromium through playwright-core
// (CLI, web mode, tests). In the desktop app src/main/electron/printPdf.ts prints the same HTML.
import fs from 'node:fs';
import type { ReportModel } from '../../shared/contract/reports';
import { AppError } from '../../shared/errors';
import { pdfTemplates, reportHtml } from './print/html';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function chromiumPath(): string {
  const env = process.env.SOTONG_CHROMIUM;
  if (env) return env;
  const found = CANDIDATES.find((p) => fs.existsSync(p));
  if (!found)
    throw new AppError(
      'FILE',
      'PDF를 만들 Chromium이 없습니다. Chromium을 설치하거나 SOTONG_CHROMIUM에 실행 파일 경로를 지정하세요.',
    );
  return found;
}

export const PDF_MARGIN = { top: '20mm', bottom: '18mm', left: '14mm', right: '14mm' };

/** Pages in a PDF Chromium wrote (each page object is "/Type /Page", the tree "/Type /Pages"). */
export function pdfPageCount(buf: Buffer): number {
  return (buf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

export async function htmlToPdf(
  html: string,
  templates: { headerTemplate: string; footerTemplate: string },
): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => true));
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      ...templates,
      margin: PDF_MARGIN,
    });
  } finally {
    await browser.close();
  }
}

type PdfRenderer = (
  html: string,
  templates: { headerTemplate: string; footerTemplate: string },
) => Promise<Buffer>;
let renderer: PdfRenderer = htmlToPdf;

/** The desktop app prints through Electron's printToPDF (src/main/electron/printPdf.ts). */
export function setPdfRenderer(r: PdfRenderer): void {
  renderer = r;
}

/** Any print HTML to a PDF through the current renderer (Chromium here, Electron in the app). */
export async function printPdf(
  html: string,
  templates: { headerTemplate: string; footerTemplate: string },
): Promise<{ buffer: Buffer; pages: number }> {
  const buffer = await renderer(html, templates);
  return { buffer, pages: pdfPageCount(buffer) };
}

export async function reportPdf(m: ReportModel): Promise<{ buffer: Buffer; pages: number }> {
  const buffer = await renderer(reportHtml(m, { embedFont: true }), pdfTemplates(m));
  return { buffer, pages: pdfPageCount(buffer) };
}
