// Getting a file to the user, the same way in the browser (web mode) and in Electron.
//
//   await downloadFile(r.file)             — a path a channel returned after writing under the data
//                                            folder (exports/, imports/reports/); goes through
//                                            downloads.prepare (one-time id, audited, own files only)
//   saveBase64(fileName, base64)           — a channel that returned the bytes itself
//
// Both resolve to true when the file was handed over (false: the user cancelled Electron's dialog)
// and throw ApiError with a Korean message otherwise.
import { ApiError, invoke } from '../api/client';

/** What Electron's preload adds for downloads (absent in web mode). */
type ElectronDownload = (
  id: string,
) => Promise<
  | { ok: true; value: { saved: string | null } }
  | { ok: false; error: ConstructorParameters<typeof ApiError>[0] }
>;

function bridgeToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="sotong-bridge-token"]')?.content ?? '';
}

function clickLink(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Downloads a file the main process wrote; `fileName` overrides the saved name. */
export async function downloadFile(file: string, fileName?: string): Promise<boolean> {
  const d = await invoke('downloads.prepare', { file, fileName });
  const electron = (window.sotong as { download?: ElectronDownload } | undefined)?.download;
  if (electron) {
    const r = await electron(d.id);
    if (!r.ok) throw new ApiError(r.error);
    return r.value.saved !== null;
  }
  clickLink(`./download/${encodeURIComponent(d.id)}?token=${encodeURIComponent(bridgeToken())}`, d.fileName);
  return true;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves bytes a channel returned as base64 (xlsx by default) under `fileName`. */
export function saveBase64(fileName: string, base64: string, type = XLSX): boolean {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  clickLink(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/** Reads a picked file as base64, for channels that take `fileBase64` / `base64`. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
