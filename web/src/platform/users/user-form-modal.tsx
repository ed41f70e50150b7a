import { Alert, Form, Input, Modal, App } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { errorText } from '../../api/error-alert';
import type { Role, ScopeKind, UserRow } from '../../api/types';
import { clearCodeOnKindChange, RoleScopeFields } from './role-scope-fields';
import { validValues } from '../../shell/valid-values';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  phone?: string;
  role: Role;
  scope: { kind: ScopeKind; code: string };
}

interface Props {
  /** The user being edited; undefined opens the form for a new user. */
  user?: UserRow;
  open: boolean;
  onClose: (saved: boolean) => void;
}

/** Create a user, or change an existing one's name, role, scope or password. */
export function UserFormModal({ user, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const editing = !!user;

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (user) form.setFieldsValue({ displayName: user.displayName, role: user.role, scope: { kind: user.scope.kind, code: user.scope.code } });
  }, [open, user, form]);

  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError(undefined);
    try {
      if (user) {
        const body: Record<string, unknown> = { displayName: v.displayName, role: v.role, scope: v.scope };
        if (v.password) body.password = v.password;
        await api(`/api/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body });
      } else {
        await api('/api/users', { method: 'POST', body: { ...v, phone: v.phone || undefined } });
      }
      message.success(t(editing ? 'users.form.updated' : 'users.form.created'));
      onClose(true);
    } catch (e) {
      // Field errors go next to their inputs; the summary above the form says what failed overall.
      if (e instanceof ApiError && e.fields) {
        const named = Object.entries(e.fields).map(([name, msg]) => ({ name: name.split('.'), errors: [msg] }));
        form.setFields(named as Parameters<typeof form.setFields>[0]); // server paths like "scope.code" are not typed
      }
      setError(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t(editing ? 'users.form.editTitle' : 'users.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={() => onClose(false)}
      forceRender // keeps the form instance connected while closed
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="user-form"
        onValuesChange={clearCodeOnKindChange(form)}
      >
        {!editing && (
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true, message: t('users.form.required') }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('users.form.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t(editing ? 'users.form.newPassword' : 'users.form.password')}
          rules={editing ? [] : [{ required: true, message: t('users.form.required') }]}
        >
          <Input.Password autoComplete="new-password" placeholder={editing ? t('users.form.keepPassword') : undefined} />
        </Form.Item>
        {!editing && (
          <Form.Item name="phone" label={t('users.phone')}>
            <Input inputMode="tel" />
          </Form.Item>
        )}
        <RoleScopeFields form={form} />
      </Form>
    </Modal>
  );
}
