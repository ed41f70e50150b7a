import { Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import type { AuditRecord, Page } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { formatTime } from '../../lib/format-time';
import { AuditFilters, type AuditQuery } from './audit-filters';
import { VerifyChain } from './verify-chain';

const OUTCOME_COLOR: Record<string, string> = { allowed: 'green', denied: 'orange', failed: 'red' };

/** The append-only audit log: filter it, page through it, and check its hash chain. */
export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [query, setQuery] = useState<AuditQuery>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const records = useRequest(
    (s) => apiGet<Page<AuditRecord>>('/api/audit', { ...query, page, pageSize }, s),
    [JSON.stringify(query), page, pageSize],
  );

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('audit.title')}</Typography.Title>
      <Card size="small">
        {can('audit.verify') && <div style={{ marginBottom: 12 }}><VerifyChain /></div>}
        <AuditFilters onSearch={(q) => { setPage(1); setQuery(q); }} />
        <ErrorAlert error={records.error} />
        <Table<AuditRecord>
          data-testid="audit-table"
          rowKey="id"
          size="small"
          loading={records.loading}
          dataSource={records.data?.items}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (r) => !!r.detail && Object.keys(r.detail).length > 0,
            expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(r.detail, null, 2)}</pre>,
          }}
          pagination={{
            current: page,
            pageSize,
            total: records.data?.total,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
            onChange: (p, size) => { setPage(size !== pageSize ? 1 : p); setPageSize(size); },
          }}
          columns={[
            { title: t('audit.id'), dataIndex: 'id', width: 80 },
            { title: t('audit.at'), dataIndex: 'at', render: formatTime },
            { title: t('audit.actor'), dataIndex: 'actor', render: (v: string | null) => v ?? '—' },
            { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
            { title: t('audit.target'), dataIndex: 'target', render: (v: string | null) => v ?? '—' },
            {
              title: t('audit.outcome'),
              dataIndex: 'outcome',
              render: (o: string) => <Tag color={OUTCOME_COLOR[o]}>{t(`audit.outcomes.${o}`, { defaultValue: o })}</Tag>,
            },
            { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
