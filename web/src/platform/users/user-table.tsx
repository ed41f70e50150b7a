import { App, Button, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { EditOutlined, LockOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPatch } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import type { Page, UserRow } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { formatTime } from '../../lib/format-time';
import { RevealPhone } from './reveal-phone';
import { UserFormModal } from './user-form-modal';

const PAGE_SIZE = 20;

/** Console users with masked phones; managing them needs `user.manage`, revealing `personal.reveal`. */
export function UserTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, can } = useSession();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ user?: UserRow } | null>(null);
  const users = useRequest((s) => apiGet<Page<UserRow>>('/api/users', { page, pageSize: PAGE_SIZE, q }, s), [page, q]);
  const manage = can('user.manage');
  const reveal = can('personal.reveal');

  const setLocked = async (u: UserRow, locked: boolean) => {
    try {
      await apiPatch(`/api/users/${encodeURIComponent(u.id)}`, { locked });
      message.success(t(locked ? 'users.lockedDone' : 'users.unlockedDone', { name: u.username }));
      users.reload();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          onSearch={(v) => {
            setPage(1);
            setQ(v.trim());
          }}
          style={{ width: 280 }}
        />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="create-user">
            {t('users.create')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={users.error} />
      <Table<UserRow>
        data-testid="users-table"
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: users.data?.total,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: setPage,
        }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (r: string) => <Tag color="blue">{t(`role.${r}`, { defaultValue: r })}</Tag> },
          { title: t('users.scope'), key: 'scope', render: (_, u) => `${t(`scope.${u.scope.kind}`)} · ${u.scope.name}` },
          {
            title: t('users.phone'),
            key: 'phone',
            render: (_, u) => (reveal ? <RevealPhone user={u} /> : (u.phoneMasked ?? '—')),
          },
          {
            title: t('users.status'),
            dataIndex: 'locked',
            render: (locked: boolean) => (locked ? <Tag color="red">{t('users.locked')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
          },
          { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', render: formatTime },
          // Least needed column; dropped below 1600px so the actions stay in view on laptops.
          { title: t('users.createdAt'), dataIndex: 'createdAt', render: formatTime, responsive: ['xxl'] },
          ...(manage
            ? [{
                title: t('common.actions'),
                key: 'actions',
                fixed: 'right' as const,
                render: (_: unknown, u: UserRow) => (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ user: u })}>{t('common.edit')}</Button>
                    <Popconfirm
                      title={t(u.locked ? 'users.unlockConfirm' : 'users.lockConfirm', { name: u.username })}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => setLocked(u, !u.locked)}
                      disabled={u.id === me?.id}
                    >
                      <Button type="link" size="small" danger={!u.locked} disabled={u.id === me?.id}
                        icon={u.locked ? <UnlockOutlined /> : <LockOutlined />} data-testid={`lock-${u.username}`}>
                        {t(u.locked ? 'users.unlock' : 'users.lock')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <UserFormModal
        open={!!editing}
        user={editing?.user}
        onClose={(saved) => {
          setEditing(null);
          if (saved) users.reload();
        }}
      />
    </>
  );
}
