import { Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, sexLabel, SourceTag, VillageName } from '../identity-labels';
import type { GoldenValue } from '../identity-types';

// The order a clerk reads a file in, not the order the server happens to send.
const ORDER = ['name', 'id_number', 'sex', 'birth_date', 'phone', 'address', 'village_code', 'household_no'];
const RULE_COLOR: Record<GoldenValue['rule'], string> = { trusted_source: 'blue', most_recent: 'purple', most_frequent: 'cyan' };

interface Row { field: string; g: GoldenValue }
// An enterprise's golden record reuses the person columns: its "ID number" is the credit code.
const ENTERPRISE_LABELS: Record<string, string> = { name: 'enterprise_name', id_number: 'credit_code', birth_date: 'established_date' };

/** The golden record: each field's surviving value, the rule that chose it and the record it came from. */
export function GoldenTable({ golden, enterprise = false }: { golden: Partial<Record<string, GoldenValue>>; enterprise?: boolean }) {
  const { t } = useTranslation();
  const rank = (f: string) => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
  const rows: Row[] = Object.entries(golden)
    .filter((e): e is [string, GoldenValue] => !!e[1])
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
    .map(([field, g]) => ({ field, g }));

  const value = ({ field, g }: Row) => {
    // ID numbers and phones are stored as keyed hashes; only the masked form is meant for people.
    if (g.masked !== undefined || field === 'id_number' || field === 'phone') return g.masked ?? '—';
    if (field === 'sex') return sexLabel(t, g.value);
    if (field === 'village_code') return <VillageName code={g.value} />;
    return g.value;
  };

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('identity.golden.intro')}</Typography.Paragraph>
      <Table<Row>
        data-testid="golden-table"
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('identity.golden.field'), key: 'field', render: (_, r) => <Typography.Text type="secondary">{fieldLabel(t, (enterprise && ENTERPRISE_LABELS[r.field]) || r.field)}</Typography.Text> },
          { title: t('identity.golden.value'), key: 'value', onCell: (r) => ({ 'data-field': r.field }) as HTMLAttributes<HTMLElement>, render: (_, r) => <Typography.Text strong>{value(r)}</Typography.Text> },
          {
            title: t('identity.golden.rule'), key: 'rule',
            render: (_, r) => (
              <Tooltip title={r.g.rule}>
                <Tag color={RULE_COLOR[r.g.rule] ?? 'default'}>{t(`identityCodes.rules.${r.g.rule}`, { defaultValue: r.g.rule })}</Tag>
              </Tooltip>
            ),
          },
          { title: t('identity.golden.source'), key: 'source', render: (_, r) => <SourceTag source={r.g.source} /> },
        ]}
      />
    </>
  );
}
