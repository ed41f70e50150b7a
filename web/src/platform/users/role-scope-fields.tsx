import { Form, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, SCOPE_KINDS } from '../../api/types';
import { ScopeCodeInput } from './scope-code-input';

/**
 * Role, scope kind and scope code: the fields a user and an API key share. The form must clear
 * `scope.code` when the kind changes (see `clearCodeOnKindChange`).
 */
export function RoleScopeFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['scope', 'kind'], form);
  const required = [{ required: true, message: t('users.form.required') }];
  return (
    <>
      <Form.Item name="role" label={t('users.role')} rules={required}>
        <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      <Form.Item name={['scope', 'kind']} label={t('users.scopeKind')} rules={required}>
        <Select options={SCOPE_KINDS.map((k) => ({ value: k, label: t(`scope.${k}`) }))} />
      </Form.Item>
      <Form.Item name={['scope', 'code']} label={t('users.scope')} rules={required}>
        <ScopeCodeInput kind={kind} />
      </Form.Item>
    </>
  );
}

/** `onValuesChange` for a form holding RoleScopeFields: a code from the previous kind makes no sense. */
export function clearCodeOnKindChange(form: FormInstance) {
  return (changed: { scope?: { kind?: unknown } }) => {
    if (changed.scope?.kind) form.setFieldValue(['scope', 'code'], undefined);
  };
}
