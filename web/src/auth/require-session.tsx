import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from './session-context';

/** Sends anonymous visitors to the login page, remembering where they wanted to go. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const loc = useLocation();
  if (me === undefined) {
    return <Spin size="large" fullscreen />;
  }
  if (me === null) {
    const next = encodeURIComponent(loc.pathname + loc.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}
