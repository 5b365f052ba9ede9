import { useEffect } from 'react';
import { invoke, lastCallAt, onEvent, onSessionLost } from '../api/client';

const IDLE_MESSAGE = '오랫동안 사용하지 않아 로그아웃되었습니다. 다시 로그인해 주세요.';
const GONE_MESSAGE = '로그인이 끝났습니다. 다시 로그인해 주세요.';

/**
 * Notices when the signed-in session ends without the user logging out: a call answered
 * SESSION_EXPIRED/UNAUTHENTICATED, the core's 'session.expired' event, or (since the core only
 * notices idleness on the next call) our own clock passing the idle limit.
 */
export function useSessionWatch(opts: {
  signedIn: boolean;
  idleMinutes: number;
  onLost: (message: string) => void;
}) {
  const { signedIn, idleMinutes, onLost } = opts;

  useEffect(() => {
    if (!signedIn) return;
    let done = false;
    const lost = (message: string) => {
      if (done) return;
      done = true;
      onLost(message);
    };
    // Asks the core; auth.status is public, so an expired session answers user: null.
    const probe = () =>
      invoke('auth.status', {})
        .then((s) => {
          if (!s.user) lost(IDLE_MESSAGE);
        })
        .catch(() => {});

    const offLost = onSessionLost((code) => lost(code === 'SESSION_EXPIRED' ? IDLE_MESSAGE : GONE_MESSAGE));
    const offEvent = onEvent('session.expired', () => void probe());
    const limit = idleMinutes * 60_000 + 5_000;
    const timer = window.setInterval(() => {
      if (Date.now() - lastCallAt() > limit) void probe();
    }, 15_000);
    return () => {
      done = true;
      offLost();
      offEvent();
      window.clearInterval(timer);
    };
  }, [signedIn, idleMinutes, onLost]);
}
