import { Input, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import type { Items, Org, OrgKind } from '../../api/types';
import { useRequest } from '../../api/use-request';

/** One kind of organisation; the lists are short (tens), so filtering happens in the browser. */
export function OrgTable({ kind }: { kind: OrgKind }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const orgs = useRequest((s) => apiGet<Items<Org>>('/api/orgs', { kind }, s), [kind]);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = orgs.data?.items ?? [];
    if (!needle) return all;
    return all.filter((o) => [o.name, o.code, o.regionName ?? ''].some((v) => v.toLowerCase().includes(needle)));
  }, [orgs.data, q]);

  return (
    <>
      <ErrorAlert error={orgs.error} />
      <Input.Search allowClear placeholder={t('orgs.search')} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 320, marginBottom: 12 }} />
      <Table<Org>
        data-testid={`orgs-${kind}`}
        rowKey="code"
        size="small"
        loading={orgs.loading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          { title: t('orgs.name'), dataIndex: 'name' },
          { title: t('orgs.code'), dataIndex: 'code' },
          { title: t('orgs.region'), dataIndex: 'regionName', render: (v: string | null, o) => v ?? o.regionCode ?? '—' },
        ]}
      />
    </>
  );
}
