import { Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import type { Items, RoleRow } from '../../api/types';
import { useRequest } from '../../api/use-request';

/** What each role may do, as the server defines it. */
export function RolesTable() {
  const { t } = useTranslation();
  const roles = useRequest((s) => apiGet<Items<RoleRow>>('/api/roles', undefined, s), []);
  return (
    <>
      <ErrorAlert error={roles.error} />
      <Table<RoleRow>
        data-testid="roles-table"
        rowKey="role"
        size="small"
        loading={roles.loading}
        dataSource={roles.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('users.role'), dataIndex: 'role', width: 160, render: (r: string) => t(`role.${r}`, { defaultValue: r }) },
          { title: t('users.roleCode'), dataIndex: 'role', width: 160, render: (r: string) => <code>{r}</code> },
          {
            title: t('users.permissions'),
            dataIndex: 'permissions',
            render: (ps: string[]) => (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, maxWidth: 640 }}>
                {ps.map((p) => (
                  <Tooltip key={p} title={p}>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`permission.${p.replace(/\./g, '_')}`, { defaultValue: p })}</Tag>
                  </Tooltip>
                ))}
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
