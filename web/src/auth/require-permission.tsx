import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './session-context';

/** Guards a page the user reached by URL although the menu hides it. */
export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { can } = useSession();
  const { t } = useTranslation();
  if (permission && !can(permission)) {
    return <Result status="403" title="403" subTitle={t('error.noPermission')} />;
  }
  return <>{children}</>;
}
