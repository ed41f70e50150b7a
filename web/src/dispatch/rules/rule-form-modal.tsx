import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { validValues } from '../../shell/valid-values';
import { SEVERITIES, type Rule, type RuleInput, type Severity } from '../dispatch-types';
import { targetFrom, targetValue } from './rule-target';
import type { useRuleOptions } from './use-rule-options';

interface Values {
  name: string;
  enabled: boolean;
  categories: string[];
  severities: Severity[];
  regions: string[];
  target: string;
  alsoNotify: string[];
}

interface Props {
  rule?: Rule;
  open: boolean;
  options: ReturnType<typeof useRuleOptions>;
  onClose: (saved: boolean) => void;
}

/** Add a routing rule (at the end) or change one; an empty condition matches anything. */
export function RuleFormModal({ rule, open, options, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (rule) {
      form.setFieldsValue({
        name: rule.name, enabled: rule.enabled, categories: rule.match.categories, severities: rule.match.severities,
        regions: rule.match.regions, target: targetValue(rule.target), alsoNotify: rule.alsoNotify.map(targetValue),
      });
    }
  }, [open, rule, form]);

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body: RuleInput = {
      name: v.name, enabled: v.enabled,
      match: { categories: v.categories ?? [], severities: v.severities ?? [], regions: v.regions ?? [] },
      target: targetFrom(v.target), alsoNotify: (v.alsoNotify ?? []).map(targetFrom),
    };
    setBusy(true);
    setError(undefined);
    try {
      if (rule) await api(`/api/dispatch/rules/${rule.id}`, { method: 'PUT', body });
      else await api('/api/dispatch/rules', { method: 'POST', body });
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.fields) {
        // Server paths look like "match.categories.0"; the form's fields are flattened one level.
        const named = Object.entries(e.fields).map(([path, msg]) => ({ name: path.split('.').slice(-2).find((p) => isNaN(Number(p))) ?? path, errors: [msg] }));
        form.setFields(named as Parameters<typeof form.setFields>[0]);
      }
      setError(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('dispatch.rules.required') }];
  return (
    <Modal
      open={open}
      title={t(rule ? 'dispatch.rules.editTitle' : 'dispatch.rules.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={() => onClose(false)}
      forceRender
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="rule-form-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={{ enabled: true, categories: [], severities: [], regions: [], alsoNotify: [] }} data-testid="rule-form">
        <Form.Item name="name" label={t('dispatch.rules.name')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="enabled" label={t('dispatch.rules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="categories" label={t('dispatch.rules.categories')} extra={t('dispatch.rules.anyHint')}>
          <Select mode="tags" options={options.categoryOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={t('dispatch.rules.any')} />
        </Form.Item>
        <Form.Item name="severities" label={t('dispatch.rules.severities')}>
          <Select mode="multiple" options={SEVERITIES.map((s) => ({ value: s, label: t(`dispatch.severity.${s}`) }))} placeholder={t('dispatch.rules.any')} />
        </Form.Item>
        <Form.Item name="regions" label={t('dispatch.rules.regions')} extra={t('dispatch.rules.regionsHint')}>
          <Select mode="tags" options={options.townOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={t('dispatch.rules.anywhere')} />
        </Form.Item>
        <Form.Item name="target" label={t('dispatch.rules.target')} rules={required}>
          <Select options={options.targetOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="rule-target" />
        </Form.Item>
        <Form.Item name="alsoNotify" label={t('dispatch.rules.alsoNotify')}>
          <Select mode="multiple" options={options.targetOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
