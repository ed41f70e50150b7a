import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { CONSOLE_PAGES, MODULE_ORDER } from './console-pages';

/** Left navigation grouped by module, listing only what the server enables and the user may open. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { modules, can } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const items = useMemo<MenuProps['items']>(() => {
    const visible = CONSOLE_PAGES.filter((p) => p.menu !== false && modules.includes(p.module) && (!p.permission || can(p.permission)));
    return MODULE_ORDER.filter((m) => visible.some((p) => p.module === m)).map((m) => ({
      type: 'group' as const,
      key: `module:${m}`,
      label: t(`module.${m}`),
      children: visible
        .filter((p) => p.module === m)
        .map((p) => ({ key: p.path, icon: p.icon, label: t(p.labelKey) })),
    }));
  }, [modules, can, t]);

  const selected = CONSOLE_PAGES.filter((p) => p.path === '/' ? pathname === '/' : pathname.startsWith(p.path)).map((p) => p.path);

  return (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
