import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export interface Session {
  /** Undefined while the first /api/auth/me is in flight, null when nobody is signed in. */
  me: Me | null | undefined;
  modules: string[];
  can: (permission: string) => boolean;
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
