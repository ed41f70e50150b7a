import { Alert, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { validValues } from '../../shell/valid-values';
import { SEVERITIES, type Category } from '../../dispatch/dispatch-types';

interface Props { category?: Category; open: boolean; onClose: (saved: boolean) => void }

/** Add a category to the taxonomy or change one; the code cannot change once events use it. */
export function CategoryFormModal({ category, open, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Category>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (category) form.setFieldsValue(category);
  }, [open, category, form]);

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      const { code, ...body } = v;
      if (category) await api(`/api/events/categories/${encodeURIComponent(category.code)}`, { method: 'PUT', body });
      else await api('/api/events/categories', { method: 'POST', body: { code, ...body } });
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.fields) {
        form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name.split('.').pop()!, errors: [msg] })) as Parameters<typeof form.setFields>[0]);
      }
      setError(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('dispatch.rules.required') }];
  const n = (name: keyof Category, label: string, max: number) => (
    <Form.Item name={name} label={label} rules={required}>
      <InputNumber min={0} max={max} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Modal open={open} title={t(category ? 'eventsAdmin.editTitle' : 'eventsAdmin.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={save} onCancel={() => onClose(false)} forceRender>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Category> form={form} layout="vertical" initialValues={{ defaultSeverity: 'medium', dedupRadiusM: 200, dedupWindowMinutes: 240, active: true, sort: 100 }}>
        <Form.Item name="code" label={t('eventsAdmin.code')} rules={[...required, { pattern: /^[a-z0-9][a-z0-9_.-]{0,63}$/, message: t('eventsAdmin.codeRule') }]}>
          <Input disabled={!!category} />
        </Form.Item>
        <Form.Item name="labelZh" label={t('eventsAdmin.labelZh')} rules={required}><Input maxLength={64} /></Form.Item>
        <Form.Item name="labelEn" label={t('eventsAdmin.labelEn')} rules={required}><Input maxLength={100} /></Form.Item>
        <Form.Item name="groupZh" label={t('eventsAdmin.groupZh')} rules={required}><Input maxLength={64} /></Form.Item>
        <Form.Item name="groupEn" label={t('eventsAdmin.groupEn')} rules={required}><Input maxLength={100} /></Form.Item>
        <Form.Item name="defaultSeverity" label={t('eventsAdmin.defaultSeverity')} rules={required}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`dispatch.severity.${s}`) }))} />
        </Form.Item>
        {n('dedupRadiusM', t('eventsAdmin.radius'), 50000)}
        {n('dedupWindowMinutes', t('eventsAdmin.window'), 525600)}
        {n('sort', t('eventsAdmin.sort'), 10000)}
        <Form.Item name="active" label={t('eventsAdmin.active')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}
