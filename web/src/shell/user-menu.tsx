import { Avatar, Dropdown, Space, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session-context';

export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: `${t(`role.${me.role}`)} · ${me.scope.name}` },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout') },
        ],
        onClick: async ({ key }) => {
          if (key !== 'logout') return;
          await logout();
          navigate('/login', { replace: true });
        },
      }}
    >
      <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f4e8c' }} />
        {!compact && <Typography.Text>{me.displayName}</Typography.Text>}
      </Space>
    </Dropdown>
  );
}
