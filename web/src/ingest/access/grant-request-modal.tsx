import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost, ApiError } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { ROLES, type Org } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { shanghaiDayEnd } from '../../lib/format-time';
import type { FieldSpec } from '../ingest-types';
import { validValues } from '../../shell/valid-values';

interface Values {
  granteeKind: 'department' | 'role';
  grantee: string;
  fields?: string[];
  purpose: string;
  expiresAt: Dayjs;
}

interface Props {
  open: boolean;
  dataset: string;
  fields: FieldSpec[];
  departments: Org[];
  onClose: (saved: boolean) => void;
}

// The server refuses grants running more than three years; the picker says so up front.
const MAX_YEARS = 3;

/** 申请: asks for access to a dataset for a department or a role, optionally to some fields only. */
export function GrantRequestModal({ open, dataset, fields, departments, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const kind = Form.useWatch('granteeKind', form);

  useEffect(() => {
    if (!open || !me) return;
    setError(undefined);
    form.resetFields();
    // Most requests are for the requester's own department or role.
    const own = me.scope.kind === 'department';
    form.setFieldsValue({ granteeKind: own ? 'department' : 'role', grantee: own ? me.scope.code : me.role, expiresAt: dayjs().add(6, 'month') });
  }, [open, me, form]);

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = { granteeKind: v.granteeKind, grantee: v.grantee, fields: v.fields?.length ? v.fields : null, purpose: v.purpose.trim(), expiresAt: shanghaiDayEnd(v.expiresAt) };
      await apiPost(`/api/datasets/${encodeURIComponent(dataset)}/grants`, body);
      message.success(t('ingest.access.requested'));
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.fields) {
        form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
      }
      setError(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('ingest.access.requestTitle', { name: dataset })}
      okText={t('ingest.access.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={() => onClose(false)}
      forceRender // keeps the form instance connected while closed
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="grant-form"
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.granteeKind) form.setFieldValue('grantee', undefined);
        }}
      >
        <Form.Item name="granteeKind" label={t('ingest.access.granteeKind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={[{ value: 'department', label: t('ingest.access.kinds.department') }, { value: 'role', label: t('ingest.access.kinds.role') }]} />
        </Form.Item>
        <Form.Item name="grantee" label={t('ingest.access.grantee')} rules={[{ required: true, message: t('users.form.required') }]}>
          {kind === 'role' ? (
            <Select showSearch={{ optionFilterProp: 'label' }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          ) : (
            <Select showSearch={{ optionFilterProp: 'label' }} options={departments.map((o) => ({ value: o.code, label: o.name }))} />
          )}
        </Form.Item>
        <Form.Item name="fields" label={t('ingest.access.fields')} extra={t('ingest.access.fieldsHint')}>
          <Select mode="multiple" allowClear options={fields.map((f) => ({ value: f.name, label: `${f.column}（${f.name}）` }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('ingest.access.purpose')} rules={[{ required: true, whitespace: true, message: t('users.form.required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('ingest.access.expiresAt')} rules={[{ required: true, message: t('users.form.required') }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs().add(1, 'day'), 'day') || d.isAfter(dayjs().add(MAX_YEARS, 'year').subtract(1, 'day'), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
