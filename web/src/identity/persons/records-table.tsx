import { Button, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DiffOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, plain, roleLabel, sexLabel, SourceTag, VillageName } from '../identity-labels';
import { useSession } from '../../auth/session-context';
import type { ReviewRecord, SourceRecord } from '../identity-types';
import { ExplainPairModal } from '../reviews/explain-pair-modal';

/** The review queue's shape of a record, so the pair view serves both places. */
function asPairRecord(r: SourceRecord, file: string): ReviewRecord {
  return {
    id: r.id, dataset: r.dataset, role: r.role, name: r.name, id_masked: r.idMasked, id_valid: r.idValid, birth_date: r.birthDate,
    sex: r.sex, phone_masked: r.phoneMasked, village_code: r.villageCode, address: typeof r.context.address === 'string' ? r.context.address : null, entity_id: file,
  };
}

/** Every source record in the file, as its department sent it (masked); details fold out per row. The source tag names the dataset. */
export function RecordsTable({ records, file }: { records: SourceRecord[]; file: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  // Reviewers may pick two records and see why the model put them in one file.
  const explain = can('identity.review') && records.length > 1;
  const [picked, setPicked] = useState<number[]>([]);
  const [open, setOpen] = useState(false);
  const pair = picked.map((id) => records.find((r) => r.id === id)).filter((r): r is SourceRecord => !!r);
  return (
    <>
      {explain && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Button icon={<DiffOutlined />} disabled={pair.length !== 2} onClick={() => setOpen(true)} data-testid="explain-picked">{t('identity.explain.open')}</Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('identity.explain.hint')}</Typography.Text>
        </Space>
      )}
      <Table<SourceRecord>
        data-testid="records-table"
        rowKey="id"
        size="small"
        dataSource={records}
        // Keep the two most recent picks: a third click replaces the oldest.
        rowSelection={explain ? { selectedRowKeys: picked, onChange: (keys) => setPicked(keys.map(Number).slice(-2)), hideSelectAll: true } : undefined}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
        expandable={{
          rowExpandable: (r) => Object.keys(r.context ?? {}).length > 0,
          expandedRowRender: (r) => (
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={Object.entries(r.context).map(([k, v]) => ({ key: k, label: fieldLabel(t, k), children: plain(v) }))} />
          ),
        }}
        columns={[
          {
            title: t('identity.records.role'), key: 'role',
            render: (_, r) => (
              <Tag>
                {roleLabel(t, r.role)}
                {r.party ? ` · ${t(`identityCodes.parties.${r.party}`, { defaultValue: r.party })}` : ''}
              </Tag>
            ),
          },
          { title: t('identity.records.name'), dataIndex: 'name', render: plain },
          {
            title: t('identity.records.idMasked'), key: 'id',
            render: (_, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {r.idMasked ?? '—'}
                {r.idValid === false && <Tooltip title={t('identity.records.idInvalid')}><Tag color="red" style={{ marginLeft: 4 }}>!</Tag></Tooltip>}
              </span>
            ),
          },
          { title: t('identity.records.birthDate'), dataIndex: 'birthDate', render: plain },
          { title: t('identity.records.sex'), dataIndex: 'sex', render: (v: string | null) => sexLabel(t, v) },
          { title: t('identity.records.phone'), dataIndex: 'phoneMasked', render: plain },
          { title: t('identity.records.village'), dataIndex: 'villageCode', render: (v: string | null) => <VillageName code={v} /> },
          { title: t('identity.records.householdNo'), dataIndex: 'householdNo', render: plain },
          { title: t('identity.records.source'), key: 'source', render: (_, r) => <SourceTag source={r} /> },
        ]}
      />
      <ExplainPairModal pair={open && pair.length === 2 ? [asPairRecord(pair[0], file), asPairRecord(pair[1], file)] : null} onClose={() => setOpen(false)} />
    </>
  );
}
