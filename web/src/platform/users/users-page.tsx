import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { ApiKeysTab } from './api-keys-tab';
import { RolesTable } from './roles-table';
import { UserTable } from './user-table';

/** Console accounts and the roles that grant their permissions. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('users.title')}</Typography.Title>
      <Card size="small">
        <Tabs
          items={[
            { key: 'users', label: t('users.tabUsers'), children: <UserTable /> },
            { key: 'roles', label: t('users.tabRoles'), children: <RolesTable /> },
            ...(can('apikey.manage') ? [{ key: 'apikeys', label: t('users.tabApiKeys'), children: <ApiKeysTab /> }] : []),
          ]}
        />
      </Card>
    </>
  );
}
