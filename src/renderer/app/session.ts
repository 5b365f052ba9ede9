import { createContext, useContext } from 'react';
import type { ChannelOutput } from '../../shared/contract';
import type { SessionUser } from '../../shared/contract/auth';

export type AuthStatus = ChannelOutput<'auth.status'>;

export interface Session {
  status: AuthStatus;
  user: SessionUser;
  /** replaces the signed-in user (after a password change, for example) */
  setUser(user: SessionUser): void;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user and the ward/station, for any page inside the shell. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in shell');
  return s;
}
