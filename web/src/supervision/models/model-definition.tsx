import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DatasetLink } from '../warning/facts-section';
import { SeverityTag } from '../supervision-labels';
import type { ModelSpec, SourceSpec } from '../supervision-types';
import { useDatasetColumns } from '../use-dataset-columns';
import { joinText, operandText, predicateText, sourcesByAlias, type Wording } from './predicate-text';

const card = { marginBottom: 16 } as const;

function Conditions({ items, testId }: { items: string[]; testId?: string }) {
  if (!items.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={testId}>
      {items.map((c, i) => <li key={i}><Typography.Text code style={{ whiteSpace: 'normal' }}>{c}</Typography.Text></li>)}
    </ul>
  );
}

/**
 * A model definition laid out for an inspector: what it reads and how the sources join, the
 * conditions, the legitimate cases it leaves out (with reasons), the severity table, the evidence
 * shown on each warning and the legal basis.
 */
export function ModelDefinition({ spec }: { spec: ModelSpec }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const params = spec.params ?? {};
  const aliases = sourcesByAlias([spec.sources, spec.where, spec.exclusions]);
  const columns = useDatasetColumns([...aliases.values()]);
  /** `e.status` → `e.经营状态`: the alias stays, so the sources table tells which dataset it is. */
  const field = (ref: string) => {
    const [alias, name] = ref.split('.');
    return name ? `${alias}.${columns(aliases.get(alias), name)}` : ref;
  };
  const w: Wording = { t, params, field };
  const pred = (p: Parameters<typeof predicateText>[1]) => predicateText(w, p);
  const inputs = spec.severity.inputs;

  return (
    <div data-testid="model-definition">
      <Card size="small" title={t('supervision.model.about')} style={card}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('supervision.model.description')} span={2}>{spec.description || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.detail.legalBasis')} span={2}>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="model-legal-basis">{spec.legalBasis}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.model.subject')}>
            {t(`supervision.subjectKind.${spec.subject.kind}`)} · {spec.subject.source}{spec.subject.party ? `/${spec.subject.party}` : ''}{spec.subject.field ? `.${spec.subject.field}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.model.schedule')}>
            {!spec.schedule || spec.schedule === 'manual' ? t(spec.schedule === 'manual' ? 'supervision.model.manual' : 'supervision.model.dailyDefault') : t('supervision.model.daily', { time: spec.schedule })}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.model.autoDispatch')}>
            {(spec.autoDispatch ?? ['red']).map((s) => <SeverityTag key={s} severity={s} />)}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.model.eventCategory')}><Typography.Text code>{spec.eventCategory ?? 'supervision-warning'}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('supervision.model.place')}>{spec.place ? field(spec.place) : t('supervision.model.subjectTown')}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.model.dedupKey')}>{spec.dedupKey.map(field).join('、')}</Descriptions.Item>
          {Object.keys(params).length > 0 && (
            <Descriptions.Item label={t('supervision.detail.params')} span={2}>
              {Object.entries(params).map(([k, v]) => <Tag key={k}>{k} = {String(v)}</Tag>)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card size="small" title={t('supervision.model.sources')} style={card}>
        <Table<SourceSpec>
          data-testid="model-sources"
          rowKey="as"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={spec.sources}
          columns={[
            { title: t('supervision.detail.alias'), dataIndex: 'as', render: (a: string) => <Tag>{a}</Tag> },
            { title: t('supervision.detail.dataset'), dataIndex: 'dataset', render: (d: string) => <DatasetLink dataset={d} /> },
            { title: t('supervision.model.join'), key: 'join', render: (_, s) => joinText(w, s) },
            { title: t('supervision.model.sourceWhere'), key: 'where', render: (_, s) => <Conditions items={(s.where ?? []).map(pred)} /> },
          ]}
        />
        {spec.group && (
          <Descriptions size="small" column={1} style={{ marginTop: 12 }} data-testid="model-group">
            <Descriptions.Item label={t('supervision.model.group')}>
              {t('supervision.model.groupText', { anchor: spec.group.anchor, collect: spec.group.collect })}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.model.having')}>
              <Conditions items={spec.group.having.map(([agg, op, v]) => `${agg === 'count' ? t('supervision.model.count') : agg.replace(/^sum\((.*)\)$/, (_, r: string) => t('supervision.model.sum', { field: field(r) }))} ${op} ${operandText(w, v)}`)} />
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      <Card size="small" title={t('supervision.model.where')} style={card}>
        <Conditions items={(spec.where ?? []).map(pred)} testId="model-where" />
      </Card>

      <Card size="small" title={t('supervision.model.exclusions')} style={card}>
        <Table
          data-testid="model-exclusions"
          rowKey="name"
          size="small"
          pagination={false}
          locale={{ emptyText: t('supervision.model.noExclusions') }}
          dataSource={spec.exclusions ?? []}
          columns={[
            { title: t('supervision.model.exclusionName'), dataIndex: 'name', render: (n: string) => <Typography.Text code>{n}</Typography.Text> },
            { title: t('supervision.model.reason'), dataIndex: 'reason' },
            { title: t('supervision.model.when'), key: 'when', render: (_, e) => <Conditions items={e.when.map(pred)} /> },
          ]}
        />
      </Card>

      <Card size="small" title={t('supervision.model.severity')} style={card}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('supervision.model.severityNote')}</Typography.Paragraph>
        <Table
          data-testid="model-severity"
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          bordered
          dataSource={spec.severity.rules.map((r, i) => ({ ...r, n: i + 1 }))}
          columns={[
            { title: '#', dataIndex: 'n', width: 48 },
            ...inputs.map((name) => ({
              title: spec.evidence.find((e) => e.name === name)?.[en ? 'labelEn' : 'label'] ?? (name === 'count' ? t('supervision.model.count') : name),
              key: name,
              render: (_: unknown, r: { when: Record<string, string> }) => (r.when[name]?.trim() ? <Typography.Text code>{r.when[name]}</Typography.Text> : <Typography.Text type="secondary">{t('supervision.model.anyValue')}</Typography.Text>),
            })),
            { title: t('supervision.col.severity'), dataIndex: 'severity', render: (s: 'red') => <SeverityTag severity={s} /> },
          ]}
        />
      </Card>

      <Card size="small" title={t('supervision.model.evidence')} style={card}>
        <Table
          data-testid="model-evidence"
          rowKey="name"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={spec.evidence}
          columns={[
            { title: t('supervision.model.evidenceLabel'), key: 'label', render: (_, e) => (en && e.labelEn) || e.label },
            { title: t('supervision.model.evidenceName'), dataIndex: 'name', render: (n: string) => <Typography.Text code>{n}</Typography.Text> },
            {
              title: t('supervision.model.evidenceField'), dataIndex: 'field',
              render: (f: string) => <span style={{ whiteSpace: 'nowrap' }}>{field(f)} <Typography.Text code>{f}</Typography.Text></span>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
