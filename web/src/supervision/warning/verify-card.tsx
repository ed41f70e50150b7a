import { App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiPost } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { useSession } from '../../auth/session-context';
import { bilingual } from '../../identity/identity-labels';
import { formatTime } from '../../lib/format-time';
import { validValues } from '../../shell/valid-values';
import { wan, WarningStatusTag } from '../supervision-labels';
import { ACTIONS, type Verification, type WarningDetail } from '../supervision-types';

const FIELDS = ['outcome', 'action', 'recoveredYuan', 'ruleImprovement', 'note'] as const;

/**
 * 核查结果: what verification found. A confirmed warning needs an action (问责/整改/无) and may
 * record money recovered and a rule improvement; a false positive recovers nothing.
 */
export function VerifyCard({ warning, onDone }: { warning: WarningDetail; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const [form] = Form.useForm<Verification>();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const outcome = Form.useWatch('outcome', form);
  const v = warning.verification;
  const mayVerify = can('supervision.verify') && warning.status !== 'cleared';
  const showForm = mayVerify && (!v || editing);

  const submit = async () => {
    const values = await validValues(form);
    if (!values) return;
    const body: Verification = {
      outcome: values.outcome,
      ...(values.outcome === 'confirmed' ? { action: values.action, recoveredYuan: values.recoveredYuan ?? undefined } : {}),
      ruleImprovement: values.ruleImprovement?.trim() || undefined,
      note: values.note?.trim() || undefined,
    };
    setBusy(true);
    try {
      await apiPost(`/api/supervision/warnings/${warning.id}/verify`, body);
      message.success(t('supervision.verify.saved'));
      setEditing(false);
      form.resetFields();
      onDone();
    } catch (e) {
      // The server names the field it refused (action required, money on a false positive).
      const fields = e instanceof ApiError ? Object.entries(e.fields ?? {}).filter(([k]) => (FIELDS as readonly string[]).includes(k)) : [];
      if (fields.length) form.setFields(fields.map(([name, reason]) => ({ name: name as keyof Verification, errors: [bilingual(errorText(e, reason), i18n.language)] })));
      else message.error(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('supervision.verify.title')}
      style={{ marginBottom: 16 }}
      data-testid="verify-card"
      extra={v && mayVerify && !editing ? <Button size="small" onClick={() => setEditing(true)} data-testid="verify-again">{t('supervision.verify.again')}</Button> : null}
    >
      {v && (
        <Descriptions size="small" column={1} data-testid="verification" style={{ marginBottom: showForm ? 16 : 0 }}>
          <Descriptions.Item label={t('supervision.verify.outcome')}><WarningStatusTag status={warning.status} /></Descriptions.Item>
          <Descriptions.Item label={t('supervision.verify.action')}>{v.action ? t(`supervision.action.${v.action}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.verify.recovered')}>
            {v.recoveredYuan == null ? '—' : t('supervision.verify.recoveredValue', { yuan: v.recoveredYuan.toLocaleString('zh-CN'), wan: wan(v.recoveredYuan) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.verify.by')}>{v.by ?? '—'} · {formatTime(v.at)}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.verify.ruleImprovement')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v.ruleImprovement ?? '—'}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.verify.note')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v.note ?? '—'}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      {!v && !showForm && <Typography.Text type="secondary">{warning.status === 'cleared' ? t('supervision.verify.cleared') : t('supervision.verify.none')}</Typography.Text>}
      {showForm && (
        <Form form={form} layout="vertical" initialValues={{ outcome: 'confirmed' }} data-testid="verify-form" disabled={busy}>
          <Form.Item name="outcome" label={t('supervision.verify.outcome')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[{ value: 'confirmed', label: t('supervision.status.confirmed') }, { value: 'false_positive', label: t('supervision.status.false_positive') }]}
              data-testid="verify-outcome"
            />
          </Form.Item>
          {outcome !== 'false_positive' && (
            <>
              <Form.Item name="action" label={t('supervision.verify.action')} rules={[{ required: true, message: t('supervision.verify.actionRequired') }]}>
                <Radio.Group options={ACTIONS.map((a) => ({ value: a, label: t(`supervision.action.${a}`) }))} data-testid="verify-action" />
              </Form.Item>
              <Form.Item name="recoveredYuan" label={t('supervision.verify.recoveredYuan')} extra={t('supervision.verify.recoveredHint')}>
                <InputNumber min={0} max={1e11} precision={2} style={{ width: 220 }} suffix={t('supervision.verify.yuan')} data-testid="verify-recovered" />
              </Form.Item>
            </>
          )}
          <Form.Item name="ruleImprovement" label={t('supervision.verify.ruleImprovement')} extra={t('supervision.verify.ruleImprovementHint')}>
            <Input.TextArea rows={2} maxLength={2000} showCount data-testid="verify-rule" />
          </Form.Item>
          <Form.Item name="note" label={t('supervision.verify.note')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="verify-note" />
          </Form.Item>
          <Button type="primary" onClick={submit} loading={busy} data-testid="verify-submit">{t('supervision.verify.submit')}</Button>
          {editing && <Button style={{ marginLeft: 8 }} onClick={() => setEditing(false)}>{t('common.cancel')}</Button>}
        </Form>
      )}
    </Card>
  );
}
