import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost, ApiError } from '../../api/client';
import { errorText } from '../../api/error-alert';
import type { Items } from '../../api/types';
import { useRequest } from '../../api/use-request';
import type { DatasetSummary } from '../ingest-types';

interface NewSource { name: string; dataset: string; url: string; query: string; everyMinutes: number }

/**
 * A scheduled pull: which dataset, which database (its URL is sent once and stored encrypted), which
 * SELECT, how often. The server checks each field and names the bad ones beside their inputs.
 */
export function NewSourceModal({ open, onClose }: { open: boolean; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewSource>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const datasets = useRequest((s) => (open ? apiGet<Items<DatasetSummary>>('/api/datasets', undefined, s) : Promise.resolve({ items: [] })), [open]);

  const submit = async (values: NewSource) => {
    setError(undefined);
    setBusy(true);
    try {
      await apiPost('/api/sources', values);
      message.success(t('ingest.sources.created', { name: values.name }));
      form.resetFields();
      onClose(true);
    } catch (e) {
      setError(errorText(e, t('error.unknown')));
      if (e instanceof ApiError && e.fields) {
        form.setFields(Object.entries(e.fields).filter(([k]) => k in values).map(([name, msg]) => ({ name: name as keyof NewSource, errors: [msg] })));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={t('ingest.sources.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} name="source" layout="vertical" initialValues={{ everyMinutes: 1440 }} onFinish={submit} data-testid="source-form">
        <Form.Item name="name" label={t('ingest.sources.name')} extra={t('ingest.sources.nameHint')} rules={[{ required: true }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="dataset" label={t('ingest.sources.dataset')} rules={[{ required: true }]}>
          <Select
            showSearch
            loading={datasets.loading}
            options={(datasets.data?.items ?? []).map((d) => ({ value: d.name, label: `${d.title} (${d.name})` }))}
          />
        </Form.Item>
        <Form.Item name="url" label={t('ingest.sources.url')} extra={t('ingest.sources.urlHint')} rules={[{ required: true }]}>
          <Input.Password placeholder="postgres://reader@10.0.0.5/minzheng" autoComplete="off" />
        </Form.Item>
        <Form.Item name="query" label={t('ingest.sources.query')} extra={t('ingest.sources.queryHint')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} style={{ fontFamily: 'monospace' }} placeholder="SELECT 姓名, 身份证号, 月补助金额 FROM dibao" />
        </Form.Item>
        <Form.Item name="everyMinutes" label={t('ingest.sources.every')} rules={[{ required: true }]}>
          <InputNumber min={5} max={44640} suffix={t('ingest.sources.minutes')} style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="source-error" />}
    </Modal>
  );
}
