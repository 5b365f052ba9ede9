// The only bridge between the page and the main process: invoke/on for contract channels.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames } from '../../shared/contract';
import { eventSchemas } from '../../shared/contract/events';

const channels = new Set<string>(channelNames);
const events = new Set<string>(Object.keys(eventSchemas));

contextBridge.exposeInMainWorld('sotong', {
  invoke(channel: string, input: unknown) {
    if (!channels.has(channel))
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: '알 수 없는 요청입니다.' },
      });
    return ipcRenderer.invoke('sotong:invoke', channel, input);
  },
  /** Saves a file registered by downloads.prepare through a save dialog; value.saved = path or null. */
  download(id: string) {
    return ipcRenderer.invoke('sotong:download', String(id));
  },
  on(event: string, cb: (payload: unknown) => void) {
    if (!events.has(event)) return () => {};
    const listener = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) cb(payload);
    };
    ipcRenderer.on('sotong:event', listener);
    return () => ipcRenderer.off('sotong:event', listener);
  },
});
