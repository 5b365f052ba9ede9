// Files the main process wrote (exports, import reports …) handed to the user: a one-time id the
// browser fetches from the bridge (GET /download/:id) or Electron saves through a dialog.
import { z } from 'zod';
import { channel } from './define';

export const downloadsChannels = {
  'downloads.prepare': channel({
    summary: '만든 파일 내려받기 준비 (한 번 쓰는 번호)',
    access: ['admin', 'pr', 'dong', 'dept'],
    input: z.object({
      /** the path a channel returned (e.g. subscribers.export's `file`) */
      file: z.string().trim().min(1, '파일이 없습니다.').max(4096),
      /** the name to save as; default: the file's own name */
      fileName: z.string().trim().min(1).max(255).optional(),
    }),
    output: z.object({
      id: z.string(),
      fileName: z.string(),
      bytes: z.number().int(),
      expiresAt: z.string(),
    }),
  }),
};
