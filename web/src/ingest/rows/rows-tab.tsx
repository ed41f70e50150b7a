import { Button, Table, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { SEALED_TYPES, type DataRow, type RowsPage } from '../ingest-types';
import { CellValue } from './cell-value';
import { GrantRequired, isGrantRequired } from './grant-required';
import { RevealCell } from './reveal-cell';
import { RowHistoryDrawer } from './row-history-drawer';

const PAGE_SIZE = 20;

interface Props {
  name: string;
  /** Bumped by the page after an upload or a publish, to fetch again. */
  version: number;
  onRequestAccess: () => void;
}

/** The dataset's current rows, masked as the server decides for this user; each read is audited. */
export function RowsTab({ name, version, onRequestAccess }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const [history, setHistory] = useState<DataRow | null>(null);
  const rows = useRequest((s) => apiGet<RowsPage>(`/api/datasets/${encodeURIComponent(name)}/rows`, { page, pageSize: PAGE_SIZE }, s), [name, page, version]);
  const reveal = can('personal.reveal');

  if (isGrantRequired(rows.error)) return <GrantRequired onRequest={onRequestAccess} />;
  const fields = rows.data?.fields ?? [];

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('ingest.rows.note')}</Typography.Paragraph>
      <ErrorAlert error={rows.error} />
      <Table<DataRow>
        data-testid="rows-table"
        rowKey="id"
        size="small"
        loading={rows.loading}
        dataSource={rows.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: rows.data?.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          ...fields.map((f) => ({
            title: f.column,
            key: f.name,
            onCell: () => ({ 'data-field': f.name }) as HTMLAttributes<HTMLElement>,
            render: (_: unknown, r: DataRow) => {
              const v = r.values[f.name];
              if (reveal && SEALED_TYPES.has(f.type) && typeof v === 'string' && v) {
                return <RevealCell dataset={name} rowId={r.id} field={f.name} column={f.column} masked={v} flags={r.flags?.[f.name]} onRequestAccess={onRequestAccess} />;
              }
              return <CellValue value={v} flags={r.flags?.[f.name]} />;
            },
          })),
          {
            title: t('ingest.rows.source'), key: 'lineage',
            render: (_: unknown, r: DataRow) => (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {t('ingest.rows.sourceValue', { batch: r.lineage.batch, line: r.lineage.line })}
              </Typography.Text>
            ),
          },
          {
            title: t('common.actions'), key: 'actions', fixed: 'right' as const,
            render: (_: unknown, r: DataRow) => (
              <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistory(r)} data-testid={`history-${r.id}`}>
                {t('ingest.rows.history')}
              </Button>
            ),
          },
        ]}
      />
      <RowHistoryDrawer dataset={name} row={history} fields={fields} onClose={() => setHistory(null)} />
    </>
  );
}
