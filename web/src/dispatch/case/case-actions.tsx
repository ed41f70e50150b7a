import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiPost } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { validValues } from '../../shell/valid-values';
import { PhotoPicker } from '../photo-picker';
import { NOTE_REQUIRED, type Action, type CaseDetail, type UnitRef } from '../dispatch-types';
import { UnitSelect } from './unit-select';

// Order of the buttons: the usual next step first, the exceptional ones after.
const ORDER: Action[] = ['accept', 'start', 'resolve', 'verify', 'close', 'return', 'reopen', 'dispatch', 'escalate'];
// These go through a dialog: a note is asked for (required or useful), photos for a resolution.
const WITH_DIALOG: Action[] = [...NOTE_REQUIRED, 'escalate', 'dispatch'];

interface Props {
  caseId: string;
  version: number;
  actions: Action[];
  onDone: (updated: CaseDetail) => void;
  /** Re-read the case after a 409: someone else acted first. */
  onReload: () => void;
  large?: boolean;
}

/** The buttons for what the current user may do with a case; every call carries the version read. */
export function CaseActions({ caseId, version, actions, onDone, onReload, large }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [dialog, setDialog] = useState<Action | null>(null);
  const [photos, setPhotos] = useState<string[]>([]);
  const [unit, setUnit] = useState<UnitRef>();
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<unknown>();

  const send = async (action: Action, note?: string, attachments: string[] = [], to?: UnitRef) => {
    setBusy(action);
    setError(undefined);
    try {
      const updated = await apiPost<CaseDetail>(`/api/dispatch/cases/${encodeURIComponent(caseId)}/transitions`, {
        action, expectedVersion: version, note: note?.trim() || undefined, attachments, unit: to,
      });
      setDialog(null);
      onDone(updated);
    } catch (e) {
      if (e instanceof ApiError && e.fields?.note) form.setFields([{ name: 'note', errors: [e.fields.note] }]);
      setError(e);
      if (e instanceof ApiError && e.status === 409) setDialog(null);
    } finally {
      setBusy(null);
    }
  };

  const open = (a: Action) => {
    if (!WITH_DIALOG.includes(a)) return void send(a);
    form.resetFields();
    setPhotos([]);
    setUnit(undefined);
    setError(undefined);
    setDialog(a);
  };

  const submit = async () => {
    const v = await validValues(form);
    if (v && dialog) await send(dialog, v.note, dialog === 'resolve' ? photos : [], dialog === 'dispatch' ? unit : undefined);
  };

  const conflict = error instanceof ApiError && error.status === 409;
  const shown = ORDER.filter((a) => actions.includes(a));
  return (
    <div data-testid="case-actions">
      {conflict && (
        <Alert
          type="warning" showIcon style={{ marginBottom: 12 }} data-testid="case-conflict"
          title={t('dispatch.actions.conflict')}
          description={errorText(error, '')}
          action={<Button size="small" onClick={() => { setError(undefined); onReload(); }}>{t('dispatch.actions.refresh')}</Button>}
        />
      )}
      {!!error && !conflict && !dialog && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error, t('error.unknown'))} />}
      <Space wrap size={large ? 12 : 8}>
        {shown.map((a, i) => (
          <Button
            key={a}
            size={large ? 'large' : 'middle'}
            type={i === 0 ? 'primary' : 'default'}
            danger={a === 'return' || a === 'escalate'}
            loading={busy === a}
            disabled={!!busy && busy !== a}
            onClick={() => open(a)}
            data-testid={`action-${a}`}
            style={large ? { minHeight: 48, minWidth: 96 } : undefined}
          >
            {t(`dispatch.action.${a}`)}
          </Button>
        ))}
        {shown.length === 0 && <span style={{ color: '#8c8c8c' }}>{t('dispatch.actions.none')}</span>}
      </Space>
      <Modal
        open={!!dialog}
        title={dialog ? t(`dispatch.action.${dialog}`) : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={!!busy}
        onOk={submit}
        onCancel={() => setDialog(null)}
        forceRender
      >
        {!!error && !conflict && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error, t('error.unknown'))} />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label={t(dialog === 'resolve' ? 'dispatch.actions.feedback' : dialog === 'return' ? 'dispatch.actions.returnReason' : 'dispatch.actions.note')}
            rules={dialog && NOTE_REQUIRED.includes(dialog) ? [{ required: true, whitespace: true, message: t('dispatch.actions.noteRequired') }] : []}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="action-note" />
          </Form.Item>
          {dialog === 'dispatch' && (
            <Form.Item label={t('dispatch.actions.unit')}>
              <UnitSelect value={unit} onChange={setUnit} />
            </Form.Item>
          )}
          {dialog === 'resolve' && (
            <Form.Item label={t('dispatch.photos.label')}>
              <PhotoPicker value={photos} onChange={setPhotos} large={large} testId="resolve-photos" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
