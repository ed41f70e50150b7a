import { Button, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client';
import { errorText } from '../../api/error-alert';
import type { UserRow } from '../../api/types';
import { validValues } from '../../shell/valid-values';

/**
 * Shows a user's full phone number after asking why: the server writes the purpose into the
 * audit log, so it is required.
 */
export function RevealPhone({ user }: { user: UserRow }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ purpose: string }>();

  if (!user.phoneMasked) return <>—</>;
  if (value) return <Typography.Text copyable data-testid={`phone-full-${user.username}`}>{value}</Typography.Text>;

  const reveal = async () => {
    const v = await validValues(form);
    if (!v) return;
    const { purpose } = v;
    setBusy(true);
    try {
      const r = await apiPost<{ value: string }>(`/api/users/${encodeURIComponent(user.id)}/reveal`, { field: 'phone', purpose });
      setValue(r.value);
      setOpen(false);
    } catch (e) {
      form.setFields([{ name: 'purpose', errors: [errorText(e, t('error.unknown'))] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Text data-testid={`phone-masked-${user.username}`}>{user.phoneMasked}</Typography.Text>
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid={`reveal-${user.username}`}>
        {t('users.reveal')}
      </Button>
      <Modal
        open={open}
        title={t('users.revealTitle', { name: user.displayName })}
        okText={t('users.reveal')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={reveal}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('users.revealNote')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="purpose" label={t('users.purpose')} rules={[{ required: true, whitespace: true, message: t('users.purposeRequired') }]}>
            <Input.TextArea rows={2} maxLength={200} data-testid="reveal-purpose" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
