import { Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, levelLabel, PersonLink, plain, roleLabel, sexLabel, VillageName } from '../identity-labels';
import type { FieldContribution, ReviewRecord } from '../identity-types';

// Where a record comes from always differs between sources; only what it says about the person is marked.
const WHERE_FROM = new Set(['file', 'dataset', 'role']);

interface Line { key: string; label: string; a: ReactNode; b: ReactNode; differs: boolean; empty: boolean }

/** The two records next to each other, differing values marked, then what each field contributed. */
export function PairCompare({ a, b, fields }: { a: ReviewRecord | null; b: ReviewRecord | null; fields: FieldContribution[] }) {
  const { t } = useTranslation();
  const line = (key: string, label: string, get: (r: ReviewRecord) => unknown, show: (r: ReviewRecord) => ReactNode = (r) => plain(get(r))): Line => ({
    key, label,
    a: a ? show(a) : '—',
    b: b ? show(b) : '—',
    differs: !WHERE_FROM.has(key) && !!a && !!b && get(a) != null && get(b) != null && get(a) !== get(b),
    empty: [a, b].every((r) => !r || get(r) == null || get(r) === ''),
  });
  // The server seals phones in explanations: it says only that a value was there.
  const value = (v: string, f: FieldContribution) =>
    v === '(hash)' ? <Typography.Text type="secondary">{t('identity.reviews.sealed')}</Typography.Text> : !v ? plain(v) : f.column === 'sex' ? sexLabel(t, v) : f.column === 'village_code' ? <VillageName code={v} /> : plain(v);
  // A field neither record has (a file's records carry no address) is left out rather than shown as two dashes.
  const lines: Line[] = [
    line('file', t('identity.file.id'), (r) => r.entity_id, (r) => <PersonLink id={r.entity_id} name={r.entity_id} />),
    line('dataset', t('identity.records.dataset'), (r) => r.dataset, (r) => <Typography.Text code>{r.dataset}</Typography.Text>),
    line('role', t('identity.records.role'), (r) => r.role, (r) => roleLabel(t, r.role)),
    line('name', t('identity.records.name'), (r) => r.name),
    line('id', t('identity.records.idMasked'), (r) => r.id_masked),
    line('birth', t('identity.records.birthDate'), (r) => r.birth_date),
    line('sex', t('identity.records.sex'), (r) => r.sex, (r) => sexLabel(t, r.sex)),
    line('phone', t('identity.records.phone'), (r) => r.phone_masked),
    line('village', t('identity.records.village'), (r) => r.village_code, (r) => <VillageName code={r.village_code} />),
    line('address', t('identityCodes.fields.address'), (r) => r.address),
  ].filter((l) => !l.empty);

  return (
    <>
      <Table<Line>
        data-testid="pair-records"
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={lines}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t('identity.reviews.field'), dataIndex: 'label', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
          { title: `${t('identity.reviews.recordA')}${a ? ` #${a.id}` : ''}`, dataIndex: 'a', render: (v: ReactNode, l) => <span style={l.differs ? { color: '#cf1322' } : undefined}>{v}</span> },
          { title: `${t('identity.reviews.recordB')}${b ? ` #${b.id}` : ''}`, dataIndex: 'b', render: (v: ReactNode, l) => <span style={l.differs ? { color: '#cf1322' } : undefined}>{v}</span> },
        ]}
      />
      <Typography.Title level={5}>{t('identity.reviews.compare')}</Typography.Title>
      <Table<FieldContribution>
        data-testid="pair-fields"
        rowKey="column"
        size="small"
        pagination={false}
        dataSource={fields}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('identity.reviews.field'), dataIndex: 'column', render: (c: string) => fieldLabel(t, c) },
          { title: t('identity.reviews.recordA'), dataIndex: 'valueA', render: value },
          { title: t('identity.reviews.recordB'), dataIndex: 'valueB', render: value },
          { title: t('identity.reviews.level'), dataIndex: 'level', render: (l: string) => <Tag color={l === 'exact' ? 'green' : l === 'missing' ? 'default' : l === 'other' ? 'red' : 'gold'}>{levelLabel(t, l)}</Tag> },
          {
            title: t('identity.reviews.weight'), dataIndex: 'weight', align: 'right',
            render: (w: number) => <Typography.Text type={w > 0 ? 'success' : w < 0 ? 'danger' : 'secondary'}>{`${w > 0 ? '+' : ''}${w.toFixed(2)}`}</Typography.Text>,
          },
        ]}
      />
    </>
  );
}
