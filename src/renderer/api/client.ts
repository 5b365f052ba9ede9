import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { AppErrorShape, ErrorCode, Result } from '../../shared/errors';

/** What the Electron preload exposes (contextBridge); absent in web mode. */
interface PreloadApi {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}
declare global {
  interface Window {
    sotong?: PreloadApi;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  constructor(e: AppErrorShape) {
    super(e.message);
    this.code = e.code;
    this.fields = e.fields;
  }
}

function bridgeToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="sotong-bridge-token"]')?.content ?? '';
}

const sessionListeners = new Set<(code: ErrorCode) => void>();
/** Called when any call reports that the session is gone, so the shell can show the login. */
export function onSessionLost(cb: (code: ErrorCode) => void): () => void {
  sessionListeners.add(cb);
  return () => sessionListeners.delete(cb);
}

let lastCall = Date.now();
/** When the UI last talked to the core (ms): the server's idle clock restarts on every call. */
export function lastCallAt(): number {
  return lastCall;
}

async function rawInvoke(channel: string, input: unknown): Promise<Result<unknown>> {
  lastCall = Date.now();
  if (window.sotong) return window.sotong.invoke(channel, input);
  let res: Response;
  try {
    res = await fetch(`./api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sotong-token': bridgeToken() },
      credentials: 'same-origin',
      body: JSON.stringify({ input }),
    });
  } catch {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: '소통창구 프로그램과 연결이 끊겼습니다. 프로그램이 실행 중인지 확인하세요.',
      },
    };
  }
  try {
    return (await res.json()) as Result<unknown>;
  } catch {
    // A proxy error page or a refused host: not our JSON. Say so in Korean rather than crash.
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `소통창구 프로그램의 응답을 읽을 수 없습니다 (HTTP ${res.status}). 화면을 새로 고침하세요.`,
      },
    };
  }
}

/** Calls one contract channel; resolves with its output or throws ApiError with a Korean message. */
export async function invoke<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const r = await rawInvoke(channel, input);
  if (!r.ok) {
    if (r.error.code === 'SESSION_EXPIRED' || r.error.code === 'UNAUTHENTICATED')
      for (const cb of sessionListeners) cb(r.error.code);
    throw new ApiError(r.error);
  }
  return r.value as ChannelOutput<C>;
}

/** Subscribes to a contract event (Electron IPC or server-sent events in web mode). */
export function onEvent<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void {
  if (window.sotong) return window.sotong.on(name, cb as (p: unknown) => void);
  const es = sharedEventSource();
  const listener = (ev: MessageEvent) => cb(JSON.parse(ev.data));
  es.addEventListener(name, listener as EventListener);
  return () => es.removeEventListener(name, listener as EventListener);
}

let eventSource: EventSource | null = null;
function sharedEventSource(): EventSource {
  if (!eventSource) eventSource = new EventSource(`./api/events?token=${encodeURIComponent(bridgeToken())}`);
  return eventSource;
}
