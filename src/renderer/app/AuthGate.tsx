import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { SessionUser } from '../../shared/contract/auth';
import { invoke } from '../api/client';
import { queryKeyOf, useInvoke } from '../hooks/useInvoke';
import { ChangePasswordPage } from '../pages/auth/ChangePasswordPage';
import { LoginPage } from '../pages/auth/LoginPage';
import { SetupPage } from '../pages/auth/SetupPage';
import { ConnectionError, Loading } from './GateStates';
import { type AuthStatus, type Session, SessionContext } from './session';
import { Shell } from './Shell';
import { useDataChanged } from './useDataChanged';
import { useSessionWatch } from './useSessionWatch';

const STATUS_KEY = queryKeyOf('auth.status', {});

/** Decides what the window shows: first-run setup, login, forced password change, or the app. */
export function AuthGate() {
  const qc = useQueryClient();
  const status = useInvoke('auth.status', {}, { staleTime: Number.POSITIVE_INFINITY });
  const [notice, setNotice] = useState<string | null>(null);

  const setUser = useCallback(
    (user: SessionUser | null) => {
      qc.setQueryData<AuthStatus>(STATUS_KEY, (s) => (s ? { ...s, setupDone: true, user } : s));
    },
    [qc],
  );

  /** Drops everything cached for the previous user, keeping only the (now signed-out) status. */
  const signOutLocally = useCallback(() => {
    qc.cancelQueries({ predicate: (q) => q.queryKey[0] !== 'auth.status' });
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth.status' });
    qc.getMutationCache().clear();
    setUser(null);
  }, [qc, setUser]);

  const onLost = useCallback(
    (message: string) => {
      setNotice(message);
      signOutLocally();
    },
    [signOutLocally],
  );

  const signedIn = !!status.data?.user && !status.data.user.mustChangePassword;
  useSessionWatch({ signedIn, idleMinutes: status.data?.idleMinutes ?? 30, onLost });
  useDataChanged(signedIn);

  const logout = useCallback(async () => {
    await invoke('auth.logout', {}).catch(() => {});
    setNotice(null);
    signOutLocally();
    window.location.hash = '#/';
  }, [signOutLocally]);

  const signedInAs = useCallback(
    async (user: SessionUser) => {
      setNotice(null);
      setUser(user);
      // ward name and station may have just been set (first run)
      await qc.invalidateQueries({ queryKey: STATUS_KEY });
    },
    [qc, setUser],
  );

  const session = useMemo<Session | null>(() => {
    const s = status.data;
    if (!s?.user) return null;
    return { status: s, user: s.user, setUser, logout };
  }, [status.data, setUser, logout]);

  if (status.isPending) return <Loading />;
  if (status.isError)
    return <ConnectionError message={status.error.message} onRetry={() => status.refetch()} />;
  const s = status.data;
  if (!s.setupDone) return <SetupPage onDone={signedInAs} />;
  if (!s.user) return <LoginPage wardName={s.wardName} notice={notice} onLoggedIn={signedInAs} />;
  if (s.user.mustChangePassword)
    return <ChangePasswordPage user={s.user} onChanged={signedInAs} onLogout={logout} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell />
    </SessionContext.Provider>
  );
}
