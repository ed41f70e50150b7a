import { Alert, Button, Card, Col, Form, Input, Row, Table, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiPost, ApiError } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { personPath, VillageName } from '../identity-labels';
import type { PersonHit, PersonSearchResult } from '../identity-types';

interface Terms { name?: string; idNumber?: string; phone?: string; creditCode?: string }
const TERMS = ['name', 'idNumber', 'phone', 'creditCode'] as const;
const PAGE_SIZE = 20;

// The last search lives in memory only (ID numbers stay out of URLs and storage), so coming back
// from a file shows the same results.
let last: { terms: Terms; page: number; result: PersonSearchResult } | null = null;

/** 人员档案: find a person's file by name, ID number, phone or an enterprise's credit code. */
export default function PersonSearchPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Terms>();
  const [terms, setTerms] = useState<Terms | null>(last?.terms ?? null);
  const [page, setPage] = useState(last?.page ?? 1);
  const [result, setResult] = useState<PersonSearchResult | null>(last?.result ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [needTerm, setNeedTerm] = useState(false);

  const run = async (q: Terms, p: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await apiPost<PersonSearchResult>('/api/persons/search', { ...q, page: p, pageSize: PAGE_SIZE });
      setResult(r);
      setTerms(q);
      setPage(p);
      last = { terms: q, page: p, result: r };
    } catch (e) {
      // A malformed ID number or phone comes back naming its field: show it under that input.
      const fields = e instanceof ApiError ? Object.entries(e.fields ?? {}).filter(([k]) => (TERMS as readonly string[]).includes(k)) : [];
      if (fields.length) form.setFields(fields.map(([name, reason]) => ({ name: name as keyof Terms, errors: [t(`identity.search.invalid.${name}`), reason] })));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (v: Terms) => {
    const q = Object.fromEntries(TERMS.map((k) => [k, v[k]?.trim()]).filter(([, s]) => s)) as Terms;
    setNeedTerm(Object.keys(q).length === 0);
    if (Object.keys(q).length) await run(q, 1);
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('identity.search.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('identity.search.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" initialValues={last?.terms} onFinish={submit} data-testid="person-search-form">
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="name" label={t('identity.search.name')}>
                <Input allowClear maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="idNumber" label={t('identity.search.idNumber')} extra={t('identity.search.idNumberHint')}>
                <Input allowClear maxLength={40} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="phone" label={t('identity.search.phone')}>
                <Input allowClear maxLength={40} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="creditCode" label={t('identity.search.creditCode')}>
                <Input allowClear maxLength={40} />
              </Form.Item>
            </Col>
          </Row>
          {needTerm && <Alert type="warning" showIcon title={t('identity.search.needTerm')} style={{ marginBottom: 12 }} data-testid="search-need-term" />}
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy} data-testid="person-search-submit">
            {t('identity.search.submit')}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={error} />
      {result && terms && (
        <Card size="small" title={t('identity.search.results')}>
          <Table<PersonHit>
            data-testid="person-results"
            rowKey="id"
            size="small"
            loading={busy}
            dataSource={result.items}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('identity.search.empty') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: result.total, hideOnSinglePage: true, showSizeChanger: false, onChange: (p) => void run(terms, p), showTotal: (n) => t('common.total', { count: n }) }}
            columns={[
              { title: t('identity.search.name'), dataIndex: 'name', render: (v: string | null, r) => <Link to={personPath(r.id)} data-testid={`person-hit-${r.id}`}>{v ?? r.id}</Link> },
              { title: t('identity.search.idMasked'), dataIndex: 'idMasked', render: (v: string | null) => v ?? '—' },
              { title: t('identity.search.birthDate'), dataIndex: 'birthDate', render: (v: string | null) => v ?? '—' },
              { title: t('identity.search.village'), dataIndex: 'villageCode', render: (v: string | null) => <VillageName code={v} /> },
              { title: t('identity.search.records'), dataIndex: 'records', align: 'right' },
              { title: t('common.actions'), key: 'open', render: (_, r) => <Link to={personPath(r.id)}>{t('identity.search.open')}</Link> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
