import { Button, Grid, Layout, Space, Spin, Typography } from 'antd';
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { LanguageSwitch } from './language-switch';
import { NavMenu } from './nav-menu';
import { UserMenu } from './user-menu';

const SIDER_WIDTH = 208;

/** The signed-in frame: module menu on the left, which folds away on phones. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState<boolean | undefined>(undefined);
  // Until the user toggles it, the menu follows the screen: open on desktops, hidden on phones.
  const isCollapsed = collapsed ?? mobile;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={SIDER_WIDTH}
        collapsible
        trigger={null}
        collapsed={isCollapsed}
        collapsedWidth={mobile ? 0 : 64}
        // On phones the menu floats over the page instead of squeezing it.
        style={mobile ? { position: 'fixed', zIndex: 20, height: '100vh', left: 0, top: 0, overflowY: 'auto' } : undefined}
      >
        <div className="console-sider-inner">
          <div className="console-brand" title={t('app.fullName')}>
            <img src="/favicon.svg" alt="" width={28} height={28} />
            {!isCollapsed && <span>{t('app.name')}</span>}
          </div>
          <NavMenu onNavigate={() => mobile && setCollapsed(true)} />
        </div>
      </Layout.Sider>
      {mobile && !isCollapsed && <div className="console-scrim" onClick={() => setCollapsed(true)} />}
      <Layout>
        <Layout.Header className="console-header">
          <Space>
            <Button
              type="text"
              aria-label={t('shell.toggleMenu')}
              data-testid="menu-toggle"
              icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!isCollapsed)}
            />
            <Typography.Text strong ellipsis className="console-title">
              {mobile ? t('app.name') : t('app.fullName')}
            </Typography.Text>
          </Space>
          <Space size={mobile ? 4 : 12}>
            <LanguageSwitch />
            <UserMenu compact={mobile} />
          </Space>
        </Layout.Header>
        <Layout.Content className="console-content">
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
