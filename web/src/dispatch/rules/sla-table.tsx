import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, InputNumber, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiGet } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import type { Items } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { validValues } from '../../shell/valid-values';
import { useCategories, useDuration } from '../dispatch-labels';
import { SEVERITIES, type Sla } from '../dispatch-types';

type Values = Omit<Sla, 'id'>;

/** Time limits to accept and resolve, per category and severity; the most specific row wins. */
export function SlaTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const manage = can('dispatch.manage');
  const loaded = useRequest((s) => apiGet<Items<Sla>>('/api/dispatch/sla', undefined, s), []);
  const { categories, label } = useCategories();
  const duration = useDuration();
  const [editing, setEditing] = useState<Sla | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!editing) return;
    setError(undefined);
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(editing);
  }, [editing, form]);

  const save = async () => {
    const v = await validValues(form);
    if (!v || !editing) return;
    setBusy(true);
    try {
      if (editing === 'new') await api('/api/dispatch/sla', { method: 'POST', body: v });
      else await api(`/api/dispatch/sla/${editing.id}`, { method: 'PUT', body: v });
      setEditing(null);
      loaded.reload();
    } catch (e) {
      setError(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (s: Sla) => {
    try {
      await api(`/api/dispatch/sla/${s.id}`, { method: 'DELETE' });
      loaded.reload();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    }
  };

  const anyLabel = (v: string, l: string) => (v === '*' ? t('dispatch.rules.any') : l);
  const required = [{ required: true, message: t('dispatch.rules.required') }];
  return (
    <>
      <ErrorAlert error={loaded.error} />
      {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>{t('dispatch.sla.add')}</Button>}
      <Table<Sla>
        data-testid="sla-table"
        rowKey="id"
        size="small"
        loading={loaded.loading}
        dataSource={loaded.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('dispatch.col.category'), dataIndex: 'category', render: (v: string) => anyLabel(v, label(v)) },
          { title: t('dispatch.col.severity'), dataIndex: 'severity', render: (v: string) => anyLabel(v, t(`dispatch.severity.${v}`)) },
          { title: t('dispatch.sla.accept'), dataIndex: 'acceptMinutes', render: (m: number) => duration(m) },
          { title: t('dispatch.sla.resolve'), dataIndex: 'resolveMinutes', render: (m: number) => duration(m) },
          ...(manage
            ? [{
                title: t('common.actions'), key: 'ops',
                render: (_: unknown, s: Sla) => (
                  <Space size={2}>
                    <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={t('common.edit')} />
                    <Popconfirm title={t('dispatch.rules.confirmDelete')} onConfirm={() => void remove(s)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('dispatch.rules.delete')} />
                    </Popconfirm>
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <Modal open={!!editing} title={t('dispatch.sla.title')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={save} onCancel={() => setEditing(null)} forceRender>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" initialValues={{ category: '*', severity: '*' }}>
          <Form.Item name="category" label={t('dispatch.col.category')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={[{ value: '*', label: t('dispatch.rules.any') }, ...categories.map((c) => ({ value: c.code, label: label(c.code) }))]} />
          </Form.Item>
          <Form.Item name="severity" label={t('dispatch.col.severity')} rules={required}>
            <Select options={[{ value: '*', label: t('dispatch.rules.any') }, ...SEVERITIES.map((s) => ({ value: s, label: t(`dispatch.severity.${s}`) }))]} />
          </Form.Item>
          <Form.Item name="acceptMinutes" label={t('dispatch.sla.acceptMinutes')} rules={required}>
            <InputNumber min={1} max={43200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="resolveMinutes" label={t('dispatch.sla.resolveMinutes')} rules={required}>
            <InputNumber min={1} max={525600} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
