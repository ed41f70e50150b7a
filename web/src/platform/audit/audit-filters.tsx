import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { shanghaiDayEnd, shanghaiDayStart } from '../../lib/format-time';

export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

interface FormValues extends Omit<AuditQuery, 'from' | 'to'> {
  range?: [Dayjs | null, Dayjs | null] | null;
}

const OUTCOMES = ['allowed', 'denied', 'failed'] as const;

/** Filter bar; the date range means whole days in Beijing time, sent to the server as UTC instants. */
export function AuditFilters({ onSearch }: { onSearch: (q: AuditQuery) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();

  const submit = ({ range, ...rest }: FormValues) => {
    const trimmed = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || undefined : v]));
    onSearch({
      ...trimmed,
      from: range?.[0] ? shanghaiDayStart(range[0]) : undefined,
      to: range?.[1] ? shanghaiDayEnd(range[1]) : undefined,
    });
  };

  return (
    <Form<FormValues> form={form} layout="inline" onFinish={submit} style={{ rowGap: 8, marginBottom: 12 }} data-testid="audit-filters">
      <Form.Item name="actor"><Input allowClear placeholder={t('audit.actor')} style={{ width: 140 }} /></Form.Item>
      <Form.Item name="action"><Input allowClear placeholder={t('audit.action')} style={{ width: 160 }} /></Form.Item>
      <Form.Item name="target"><Input allowClear placeholder={t('audit.target')} style={{ width: 160 }} /></Form.Item>
      <Form.Item name="outcome">
        <Select allowClear placeholder={t('audit.outcome')} style={{ width: 130 }}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))} />
      </Form.Item>
      <Form.Item name="range"><DatePicker.RangePicker allowEmpty={[true, true]} /></Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button>
          <Button onClick={() => { form.resetFields(); onSearch({}); }}>{t('common.reset')}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
