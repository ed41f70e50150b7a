import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LevelTag, percent, typeLabel } from '../ingest-labels';
import { SEALED_TYPES, type DatasetDetail, type FieldSpec, type QualityRule } from '../ingest-types';

const muted = <Typography.Text type="secondary">—</Typography.Text>;

/** The contract as registered: the fields and how each is read, the key, level and the rules. */
export function SchemaTab({ detail: d }: { detail: DatasetDetail }) {
  const { t } = useTranslation();
  const spec = d.spec;
  const keys = new Set(spec.key);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {d.description && <Typography.Paragraph style={{ marginBottom: 0 }}>{d.description}</Typography.Paragraph>}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} data-testid="schema-summary"
        items={[
          { key: 'dept', label: t('ingest.catalog.department'), children: d.departmentName ?? d.department },
          { key: 'mode', label: t('ingest.catalog.mode'), children: <>{t(`ingestCodes.modes.${d.mode}`)}<Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{t(`ingestCodes.modeHints.${d.mode}`)}</Typography.Text></> },
          { key: 'level', label: t('ingest.catalog.level'), children: <Space><LevelTag level={d.level} />{t(`ingestCodes.levels.${d.level}`)}</Space> },
          { key: 'key', label: t('ingest.schema.key'), children: spec.key.map((k) => <Tag key={k} icon={<KeyOutlined />}>{k}</Tag>) },
          { key: 'version', label: t('ingest.schema.version'), children: t('ingest.schema.versionValue', { version: d.version }) },
          { key: 'threshold', label: t('ingest.schema.threshold'), children: percent(spec.qualityThreshold ?? 0.9) },
          ...(d.mode === 'snapshot'
            ? [{ key: 'deletions', label: t('ingest.schema.maxDeleted'), children: (spec.maxDeletedShare ?? 0.5) >= 1 ? t('ingest.schema.maxDeletedOff') : t('ingest.schema.maxDeletedValue', { share: percent(spec.maxDeletedShare ?? 0.5) }) }]
            : []),
          { key: 'cycle', label: t('ingest.schema.updateCycle'), children: spec.updateCycleDays ? t('ingest.schema.days', { count: spec.updateCycleDays }) : muted },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('ingest.schema.fields', { count: spec.fields.length })}</Typography.Title>
        <Table<FieldSpec>
          data-testid="schema-fields"
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={spec.fields}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('ingest.schema.column'), dataIndex: 'column', render: (v: string, f) => <Space size={4}>{v}{keys.has(f.name) && <KeyOutlined title={t('ingest.schema.key')} />}</Space> },
            { title: t('ingest.schema.fieldName'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: t('ingest.schema.type'), dataIndex: 'type',
              render: (v: string) => (
                <Space size={4}>
                  {typeLabel(t, v)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text>
                  {SEALED_TYPES.has(v) && <Tag color="purple">{t('ingest.schema.sealed')}</Tag>}
                </Space>
              ),
            },
            { title: t('ingest.schema.required'), dataIndex: 'required', align: 'center', render: (v?: boolean) => (v ? <CheckOutlined style={{ color: '#389e0d' }} /> : '') },
            { title: t('ingest.schema.values'), dataIndex: 'values', render: (v?: string[]) => (v?.length ? <div style={{ maxWidth: 360 }}>{v.map((x) => <Tag key={x}>{x}</Tag>)}</div> : muted) },
            { title: t('ingest.schema.aliases'), dataIndex: 'aliases', render: (v?: string[]) => (v?.length ? v.join('、') : muted) },
            { title: t('ingest.schema.description'), dataIndex: 'description', render: (v?: string) => (v ? <div style={{ maxWidth: 320, whiteSpace: 'normal' }}>{v}</div> : muted) },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>{t('ingest.schema.rules', { count: spec.rules?.length ?? 0 })}</Typography.Title>
        <Table<QualityRule>
          data-testid="schema-rules"
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={spec.rules ?? []}
          locale={{ emptyText: t('ingest.schema.noRules') }}
          columns={[
            { title: t('ingest.schema.ruleName'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('ingest.schema.ruleField'), dataIndex: 'field' },
            { title: t('ingest.schema.ruleCheck'), dataIndex: 'check', render: (v: string) => t(`ingestCodes.checks.${v}`, { defaultValue: v }) },
            { title: t('ingest.schema.ruleValue'), dataIndex: 'value', render: (v?: string | number) => (v === undefined ? muted : <Typography.Text code>{String(v)}</Typography.Text>) },
            { title: t('ingest.schema.ruleAction'), dataIndex: 'action', render: (v: string) => <Tag color={v === 'reject' ? 'red' : 'gold'}>{t(`ingestCodes.actions.${v}`, { defaultValue: v })}</Tag> },
          ]}
        />
      </div>
    </Space>
  );
}
