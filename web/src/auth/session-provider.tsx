import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import type { Me, MeResponse } from '../api/types';
import { SessionContext, type Session } from './session-context';

/** Loads who is signed in once, and again after login or logout. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [modules, setModules] = useState<string[]>([]);

  const refresh = useCallback(async () => {
    try {
      const r = await api<MeResponse>('/api/auth/me');
      setMe(r.user);
      setModules(r.modules);
      return r.user;
    } catch (e) {
      // Anything but "not signed in" is still shown as signed out, so the login page can explain.
      if (!(e instanceof ApiError)) console.error(e);
      setMe(null);
      setModules([]);
      return null;
    }
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST', body: {} });
    } finally {
      setMe(null);
      setModules([]);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<Session>(
    () => ({
      me,
      modules,
      can: (p) => !!me?.permissions.includes(p),
      refresh,
      logout,
    }),
    [me, modules, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
