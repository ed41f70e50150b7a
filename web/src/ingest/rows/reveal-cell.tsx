import { Button, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { CellValue } from './cell-value';
import { GrantRequired, isGrantRequired } from './grant-required';
import { validValues } from '../../shell/valid-values';

interface Props {
  dataset: string;
  rowId: number;
  field: string;
  column: string;
  masked: string;
  flags?: string[];
  onRequestAccess: () => void;
}

/**
 * A sealed value (ID number, phone) shown masked, revealed whole only after the user gives a
 * purpose: the server records it in the audit log with the row and field.
 */
export function RevealCell({ dataset, rowId, field, column, masked, flags, onRequestAccess }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null>();
  const [busy, setBusy] = useState(false);
  const [needsGrant, setNeedsGrant] = useState(false);
  const [form] = Form.useForm<{ purpose: string }>();

  if (value !== undefined) {
    return value === null
      ? <Typography.Text type="secondary">—</Typography.Text>
      : <Typography.Text copyable data-testid={`revealed-${rowId}-${field}`}>{value}</Typography.Text>;
  }

  const reveal = async () => {
    const v = await validValues(form);
    if (!v) return;
    const { purpose } = v;
    setBusy(true);
    try {
      const r = await apiPost<{ value: string | null }>(`/api/datasets/${encodeURIComponent(dataset)}/rows/${rowId}/reveal`, { field, purpose: purpose.trim() });
      setValue(r.value);
      setOpen(false);
    } catch (e) {
      if (isGrantRequired(e)) setNeedsGrant(true);
      else form.setFields([{ name: 'purpose', errors: [errorText(e, t('error.unknown'))] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <CellValue value={masked} flags={flags} />
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)} aria-label={t('ingest.rows.reveal')} data-testid={`reveal-${rowId}-${field}`} />
      <Modal
        open={open}
        title={t('ingest.rows.revealTitle', { column })}
        okText={t('ingest.rows.reveal')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: needsGrant }}
        confirmLoading={busy}
        onOk={reveal}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {needsGrant ? (
          <GrantRequired compact onRequest={() => { setOpen(false); onRequestAccess(); }} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('ingest.rows.revealNote')}</Typography.Paragraph>
            <Form form={form} layout="vertical">
              <Form.Item name="purpose" label={t('users.purpose')} rules={[{ required: true, whitespace: true, message: t('users.purposeRequired') }]}>
                <Input.TextArea rows={2} maxLength={200} data-testid="reveal-purpose" />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </span>
  );
}
