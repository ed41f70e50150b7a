import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiGet } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import type { Items } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { categoriesChanged, SeverityTag, useDuration } from '../../dispatch/dispatch-labels';
import type { Category } from '../../dispatch/dispatch-types';
import { CategoryFormModal } from './category-form-modal';

/** The event taxonomy: every code the hub accepts, its labels, default severity and merge rule. */
export default function CategoriesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const manage = can('event.taxonomy.manage');
  const loaded = useRequest((s) => apiGet<Items<Category>>('/api/events/categories', { all: 'true' }, s), []);
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const duration = useDuration();
  const en = i18n.language === 'en';

  const retire = async (c: Category) => {
    try {
      await api(`/api/events/categories/${encodeURIComponent(c.code)}`, { method: 'DELETE' });
      categoriesChanged();
      loaded.reload();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    }
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('eventsAdmin.title')}</Typography.Title>
      <ErrorAlert error={loaded.error} />
      <Card size="small">
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>{t('eventsAdmin.add')}</Button>}
        <Table<Category>
          data-testid="categories-table"
          rowKey="code"
          size="small"
          loading={loaded.loading}
          dataSource={loaded.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('eventsAdmin.code'), dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('eventsAdmin.label'), key: 'label', render: (_, c) => <Space orientation="vertical" size={0}><span>{en ? c.labelEn : c.labelZh}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{en ? c.labelZh : c.labelEn}</Typography.Text></Space> },
            { title: t('eventsAdmin.group'), key: 'group', render: (_, c) => (en ? c.groupEn : c.groupZh) },
            { title: t('eventsAdmin.defaultSeverity'), dataIndex: 'defaultSeverity', render: (s: Category['defaultSeverity']) => <SeverityTag severity={s} /> },
            { title: t('eventsAdmin.merge'), key: 'merge', render: (_, c) => (c.dedupRadiusM && c.dedupWindowMinutes ? t('eventsAdmin.mergeRule', { m: c.dedupRadiusM, window: duration(c.dedupWindowMinutes) }) : t('eventsAdmin.byKeyOnly')) },
            { title: t('eventsAdmin.active'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('eventsAdmin.isActive')}</Tag> : <Tag>{t('eventsAdmin.retired')}</Tag>) },
            ...(manage
              ? [{
                  title: t('common.actions'), key: 'ops',
                  render: (_: unknown, c: Category) => (
                    <Space size={2}>
                      <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(c)} aria-label={t('common.edit')} data-testid={`category-edit-${c.code}`} />
                      {c.active && (
                        <Popconfirm title={t('eventsAdmin.confirmRetire')} onConfirm={() => void retire(c)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                          <Button size="small" type="text" danger icon={<StopOutlined />} aria-label={t('eventsAdmin.retire')} />
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                }]
              : []),
          ]}
        />
      </Card>
      <CategoryFormModal
        open={editing !== null}
        category={editing === 'new' || editing === null ? undefined : editing}
        onClose={(saved) => {
          setEditing(null);
          if (saved) {
            categoriesChanged();
            loaded.reload();
          }
        }}
      />
    </>
  );
}
