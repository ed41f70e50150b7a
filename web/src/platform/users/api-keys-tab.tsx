import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiGet, apiPost } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import type { Role, ScopeKind } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { formatTime } from '../../lib/format-time';
import { validValues } from '../../shell/valid-values';
import { clearCodeOnKindChange, RoleScopeFields } from './role-scope-fields';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  role: string;
  scope: { kind: string; code: string };
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

interface Values {
  name: string;
  role: Role;
  scope: { kind: ScopeKind; code: string };
}

/** Keys for machine clients (department systems, Open311 reporters): only a hash is stored, so a key is shown once. */
export function ApiKeysTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const keys = useRequest((s) => apiGet<{ items: ApiKeyRow[] }>('/api/apikeys', undefined, s), []);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [issued, setIssued] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  const create = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await apiPost<{ id: string; token: string }>('/api/apikeys', v);
      setCreating(false);
      setIssued(r.token);
      form.resetFields();
      keys.reload();
    } catch (e) {
      setError(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: ApiKeyRow) => {
    try {
      await api(`/api/apikeys/${encodeURIComponent(k.id)}`, { method: 'DELETE' });
      message.success(t('apikeys.revoked', { name: k.name }));
      keys.reload();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-apikey">{t('apikeys.create')}</Button>
      </Space>
      {issued && (
        <Alert
          type="success" showIcon closable onClose={() => setIssued(null)} style={{ marginBottom: 12 }} data-testid="apikey-issued"
          title={t('apikeys.issued')}
          description={<Typography.Text code copyable>{issued}</Typography.Text>}
        />
      )}
      <ErrorAlert error={keys.error} />
      <Table<ApiKeyRow>
        data-testid="apikeys-table" rowKey="id" size="small" loading={keys.loading} dataSource={keys.data?.items ?? []} scroll={{ x: 'max-content' }} pagination={false}
        columns={[
          { title: t('apikeys.name'), dataIndex: 'name' },
          { title: t('apikeys.prefix'), dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
          { title: t('users.role'), dataIndex: 'role', render: (r: string) => t(`role.${r}`) },
          { title: t('users.scope'), render: (_, k) => `${t(`scope.${k.scope.kind}`)} ${k.scope.code}` },
          { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('apikeys.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
          { title: t('users.status'), render: (_, k) => (k.revokedAt ? <Tag>{t('apikeys.revokedAt', { at: formatTime(k.revokedAt) })}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
          {
            title: '', render: (_, k) => !k.revokedAt && (
              <Popconfirm title={t('apikeys.revokeConfirm', { name: k.name })} onConfirm={() => revoke(k)}>
                <Button size="small" danger data-testid={`revoke-${k.name}`}>{t('apikeys.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal open={creating} title={t('apikeys.create')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={create} onCancel={() => setCreating(false)} forceRender>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} name="apikey" layout="vertical" onValuesChange={clearCodeOnKindChange(form)}>
          <Form.Item name="name" label={t('apikeys.name')} rules={[{ required: true, message: t('users.form.required') }]} extra={t('apikeys.nameHint')}>
            <Input maxLength={64} />
          </Form.Item>
          <RoleScopeFields form={form} />
        </Form>
      </Modal>
    </>
  );
}
