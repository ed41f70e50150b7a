import { Card, Col, Form, Row, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { formatTime } from '../../lib/format-time';
import { OfficialTag, SeverityTag, useModelNames, useTowns, warningPath, WarningStatusTag } from '../supervision-labels';
import { DOMAINS, WARNING_SEVERITIES, WARNING_STATUSES, type WarningList, type WarningRow } from '../supervision-types';

const FILTERS = ['status', 'domain', 'model', 'severity', 'town'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 20;

/**
 * 监督预警: the warnings this user may read (officials' only for discipline inspectors, as the
 * server decides), red first. Filters live in the address so the way back from a warning keeps them.
 */
export default function WarningsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { models, name: modelName } = useModelNames();
  const { towns, name: townName } = useTowns();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<Filter, string | undefined>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useRequest((s) => apiGet<WarningList>('/api/supervision/warnings', { ...filter, page, pageSize: PAGE_SIZE }, s), [params.toString()]);

  const set = (k: Filter | 'page', v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const select = (k: Filter, options: Array<{ value: string; label: string }>) => (
    <Form.Item label={t(`supervision.filter.${k}`)} style={{ marginBottom: 8 }}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={filter[k]}
        onChange={(v: string | undefined) => set(k, v)}
        options={options}
        placeholder={t('supervision.filter.all')}
        style={{ width: '100%' }}
        data-testid={`filter-${k}`}
      />
    </Form.Item>
  );

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('supervision.warnings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('supervision.warnings.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" data-testid="warning-filters">
          <Row gutter={16}>
            <Col xs={12} md={8} xl={4}>{select('status', WARNING_STATUSES.map((s) => ({ value: s, label: t(`supervision.status.${s}`) })))}</Col>
            <Col xs={12} md={8} xl={4}>{select('severity', WARNING_SEVERITIES.map((s) => ({ value: s, label: t(`supervision.severity.${s}`) })))}</Col>
            <Col xs={12} md={8} xl={4}>{select('domain', DOMAINS.map((d) => ({ value: d, label: t(`supervision.domain.${d}`) })))}</Col>
            <Col xs={24} md={12} xl={7}>
              {select('model', models.filter((m) => !filter.domain || m.domain === filter.domain).map((m) => ({ value: m.id, label: modelName(m.id) })))}
            </Col>
            <Col xs={24} md={12} xl={5}>{select('town', towns.map((r) => ({ value: r.code, label: r.name })))}</Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert error={list.error} />
      <Card size="small">
        <Table<WarningRow>
          data-testid="warnings-table"
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('supervision.warnings.empty') }}
          onRow={(w) => ({ onClick: () => navigate(warningPath(w.id)), style: { cursor: 'pointer' }, 'data-code': w.code }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page, pageSize: PAGE_SIZE, total: list.data?.total, showSizeChanger: false, hideOnSinglePage: true,
            onChange: (p) => set('page', p), showTotal: (n) => t('common.total', { count: n }),
          }}
          columns={[
            { title: t('supervision.col.code'), dataIndex: 'code', render: (v: string, w) => <Link to={warningPath(w.id)} onClick={(e) => e.stopPropagation()} data-testid="warning-link">{v}</Link> },
            { title: t('supervision.col.severity'), dataIndex: 'severity', render: (s: WarningRow['severity']) => <SeverityTag severity={s} /> },
            { title: t('supervision.col.model'), dataIndex: 'model', render: (m: string) => modelName(m) },
            {
              title: t('supervision.col.subject'), key: 'subject',
              render: (_, w) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {w.subjectName ?? w.subjectId}
                  {w.subjectKind === 'enterprise' && <Typography.Text type="secondary"> · {t('supervision.subjectKind.enterprise')}</Typography.Text>}
                  {w.official && <> <OfficialTag /></>}
                </span>
              ),
            },
            { title: t('supervision.col.town'), dataIndex: 'townCode', render: (c: string | null) => townName(c) },
            { title: t('supervision.col.status'), dataIndex: 'status', render: (s: WarningRow['status']) => <WarningStatusTag status={s} /> },
            { title: t('supervision.col.raisedAt'), dataIndex: 'raisedAt', render: (v: string) => formatTime(v) },
          ]}
        />
      </Card>
    </>
  );
}
