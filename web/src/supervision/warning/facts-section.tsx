import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DatabaseOutlined } from '@ant-design/icons';
import { useSession } from '../../auth/session-context';
import { datasetPath } from '../../ingest/dataset-path';
import { plain } from '../supervision-labels';
import type { ModelSpec, WarningFacts, WarningSource } from '../supervision-types';
import { useDatasetColumns } from '../use-dataset-columns';

/** A dataset name that opens its page in the ingest console for users who may read datasets. */
export function DatasetLink({ dataset }: { dataset: string }) {
  const { can } = useSession();
  if (!can('dataset.read')) return <Typography.Text code>{dataset}</Typography.Text>;
  return <Link to={datasetPath(dataset, 'batches')} data-testid="dataset-link" style={{ whiteSpace: 'nowrap' }}><DatabaseOutlined /> {dataset}</Link>;
}

/**
 * The evidence of one warning: the model's named values (label → value), the aggregate of a grouped
 * model, the parameters the run used, where each source row came from, and the collected rows.
 * `spec` (when the reader may see models) gives English labels.
 */
export function FactsSection({ facts, spec }: { facts: WarningFacts; spec?: ModelSpec }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const label = (name: string) => {
    const e = spec?.evidence.find((x) => x.name === name);
    return (en && e?.labelEn) || facts.labels[name] || e?.label || name;
  };
  // The server stores facts as jsonb, which reorders keys; the model's evidence order reads better.
  const order = (name: string) => {
    const i = spec?.evidence.findIndex((e) => e.name === name) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const values = Object.entries(facts.values).map(([name, value]) => ({ name, value })).sort((a, b) => order(a.name) - order(b.name));
  const collected = facts.sources.filter((s) => s.fields);
  const anchors = facts.sources.filter((s) => !s.fields);

  const params = Object.entries(facts.params ?? {});
  const columns = useDatasetColumns(collected.slice(0, 1).map((s) => s.dataset));
  const column = (field: string) => columns(collected[0]?.dataset, field);
  // Collected fields come back in jsonb's key order; the department's column order reads better.
  const fieldNames = [...new Set(collected.flatMap((s) => Object.keys(s.fields ?? {})))].sort((a, b) => columns.rank(collected[0]?.dataset, a) - columns.rank(collected[0]?.dataset, b));

  return (
    <>
      <Card size="small" title={t('supervision.detail.facts')} style={{ marginBottom: 16 }}>
        <Table
          data-testid="warning-facts"
          rowKey="name"
          size="small"
          pagination={false}
          showHeader={false}
          dataSource={values}
          columns={[
            { key: 'label', width: '40%', render: (_, r) => <Typography.Text type="secondary">{label(r.name)}</Typography.Text> },
            { key: 'value', render: (_, r) => <span data-fact={r.name}>{plain(r.value)}</span> },
          ]}
        />
        {(facts.aggregate || params.length > 0) && (
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 12 }} data-testid="warning-aggregate">
            {facts.aggregate && <Descriptions.Item label={t('supervision.detail.aggregateCount')}>{facts.aggregate.count}</Descriptions.Item>}
            {facts.aggregate?.sum != null && <Descriptions.Item label={t('supervision.detail.aggregateSum')}>{facts.aggregate.sum.toLocaleString()}</Descriptions.Item>}
            {params.length > 0 && (
              <Descriptions.Item label={t('supervision.detail.params')} span={2}>
                {params.map(([k, v]) => <Tag key={k}>{k} = {plain(v)}</Tag>)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('supervision.detail.asOf')}>{facts.asOf}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      <Card size="small" title={t('supervision.detail.provenance')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('supervision.detail.provenanceNote')}</Typography.Paragraph>
        <Table<WarningSource>
          data-testid="warning-provenance"
          rowKey={(s) => `${s.alias}:${s.row}`}
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={anchors}
          columns={[
            { title: t('supervision.detail.alias'), dataIndex: 'alias', render: (a: string) => <Tag>{a}</Tag> },
            { title: t('supervision.detail.dataset'), dataIndex: 'dataset', render: (d: string) => <DatasetLink dataset={d} /> },
            { title: t('supervision.detail.batch'), dataIndex: 'batch', render: (v: number) => `#${v}` },
            { title: t('supervision.detail.row'), dataIndex: 'row', render: (v: number) => `#${v}` },
            { title: t('supervision.detail.line'), dataIndex: 'line' },
          ]}
        />
      </Card>

      {collected.length > 0 && (
        <Card size="small" title={t('supervision.detail.collected', { count: collected.length })} style={{ marginBottom: 16 }}>
          <Table<WarningSource>
            data-testid="warning-collected"
            rowKey={(s) => `${s.alias}:${s.row}`}
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            dataSource={collected}
            columns={[
              ...fieldNames.map((f) => ({ title: column(f), key: f, render: (_: unknown, s: WarningSource) => plain(s.fields?.[f]) })),
              { title: t('supervision.detail.source'), key: 'source', render: (_: unknown, s: WarningSource) => <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}><DatasetLink dataset={s.dataset} /> #{s.batch}:{s.line}</Typography.Text> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
