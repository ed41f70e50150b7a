import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OfficialTag, plain, SeverityTag } from '../supervision-labels';
import type { ModelSpec, TestRun, TestRunHit } from '../supervision-types';

/** What a test run found: how many hits, how long the query took, and the hits with their evidence. */
export function TestRunResult({ run, spec }: { run: TestRun; spec: ModelSpec | null }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const evidence = spec?.evidence ?? Object.keys(run.hits[0]?.facts.values ?? {}).map((name) => ({ name, label: run.hits[0].facts.labels[name] ?? name, labelEn: undefined, field: '' }));
  return (
    <Card size="small" title={t('supervision.editor.testResult')} data-testid="test-run-result" style={{ marginTop: 16 }}>
      <Row gutter={[16, 8]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={5}><Statistic title={t('supervision.editor.hits')} value={run.total} data-testid="test-run-total" /></Col>
        <Col xs={12} md={5}><Statistic title={t('supervision.editor.rows')} value={run.rows} /></Col>
        <Col xs={12} md={5}><Statistic title={t('supervision.editor.unresolved')} value={run.unresolved} /></Col>
        <Col xs={12} md={5}><Statistic title={t('supervision.editor.queryMs')} value={run.queryMs} suffix="ms" data-testid="test-run-ms" /></Col>
        <Col xs={12} md={4}><Statistic title={t('supervision.detail.asOf')} value={run.asOf} /></Col>
      </Row>
      {run.hits.length < run.total && <Typography.Paragraph type="secondary">{t('supervision.editor.limited', { shown: run.hits.length, total: run.total })}</Typography.Paragraph>}
      <Table<TestRunHit>
        data-testid="test-run-hits"
        rowKey={(h, i) => `${h.subjectId}:${i}`}
        size="small"
        dataSource={run.hits}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('supervision.editor.noHits') }}
        columns={[
          { title: t('supervision.col.severity'), dataIndex: 'severity', render: (s: TestRunHit['severity']) => <SeverityTag severity={s} /> },
          {
            title: t('supervision.col.subject'), key: 'subject',
            render: (_, h) => <span style={{ whiteSpace: 'nowrap' }}>{h.official ? <OfficialTag /> : h.subjectName ?? h.subjectId} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.subjectId}</Typography.Text></span>,
          },
          ...evidence.map((e) => ({ title: (en && e.labelEn) || e.label, key: e.name, render: (_: unknown, h: TestRunHit) => plain(h.facts.values[e.name]) })),
          { title: t('supervision.editor.hitRows'), dataIndex: 'rows', align: 'right' as const },
        ]}
      />
    </Card>
  );
}
