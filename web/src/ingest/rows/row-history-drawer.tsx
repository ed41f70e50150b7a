import { Descriptions, Drawer, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { formatTime } from '../../lib/format-time';
import type { DataRow, RowField, RowVersion } from '../ingest-types';
import { CellValue, valueText } from './cell-value';

interface Props {
  dataset: string;
  row: DataRow | null;
  fields: RowField[];
  onClose: () => void;
}

const small = { fontSize: 12 };

/** Every version of one row, newest first, each with the batch, file and line it came from. */
export function RowHistoryDrawer({ dataset, row, fields, onClose }: Props) {
  const { t } = useTranslation();
  const history = useRequest(
    (s) => (row ? apiGet<{ versions: RowVersion[] }>(`/api/datasets/${encodeURIComponent(dataset)}/rows/${row.id}/history`, undefined, s) : Promise.resolve(undefined)),
    [dataset, row?.id],
  );
  const versions = history.data?.versions ?? [];

  const items = versions.map((v, i) => {
    const prev = versions[i - 1];
    // Marking what changed from the version before is what people open the history for.
    const changed = new Set(prev ? fields.filter((f) => valueText(prev.values[f.name]) !== valueText(v.values[f.name])).map((f) => f.name) : []);
    const current = v.validTo === null && v.deletedByBatch === null;
    return {
      key: v.id,
      color: current ? 'green' : v.deletedByBatch !== null ? 'red' : 'gray',
      content: (
        <div data-testid={`version-${v.id}`}>
          <Space wrap size={[8, 0]}>
            <Typography.Text strong>{t('ingest.history.version', { n: i + 1 })}</Typography.Text>
            {current && <Tag color="green">{t('ingest.history.current')}</Tag>}
            {v.deletedByBatch !== null && <Tag color="red">{t('ingest.history.deleted', { batch: v.deletedByBatch })}</Tag>}
          </Space>
          <div style={small}>
            <Typography.Text type="secondary" style={small}>{t('ingest.history.validity')}</Typography.Text>{' '}
            {formatTime(v.validFrom)} ~ {v.validTo ? formatTime(v.validTo) : t('ingest.history.now')}
          </div>
          <div style={{ ...small, marginBottom: 8 }} data-testid="version-lineage">
            <Typography.Text type="secondary" style={small}>{t('ingest.history.lineage')}</Typography.Text>{' '}
            {t('ingest.history.lineageValue', { batch: v.lineage.batch, file: v.lineage.file ?? '—', line: v.lineage.line })}
            {v.lineage.fileSha256 && <Typography.Text code style={small} title={v.lineage.fileSha256}>{v.lineage.fileSha256.slice(0, 12)}</Typography.Text>}
          </div>
          <Descriptions size="small" bordered column={1}
            items={fields.map((f) => ({
              key: f.name,
              label: <span>{f.column}{changed.has(f.name) && <Tag color="blue" style={{ marginLeft: 6 }}>{t('ingest.history.changed')}</Tag>}</span>,
              children: (
                <>
                  <CellValue value={v.values[f.name]} />
                  {v.original?.[f.name] !== undefined && (
                    <div><Typography.Text type="secondary" style={small}>{t('ingest.history.original')} {v.original[f.name]}</Typography.Text></div>
                  )}
                </>
              ),
            }))}
          />
        </div>
      ),
    };
  });

  return (
    <Drawer open={!!row} onClose={onClose} size={560} title={t('ingest.history.title', { id: row?.id ?? '' })} destroyOnHidden>
      <div data-testid="row-history">
        <ErrorAlert error={history.error} />
        {history.loading ? <Skeleton active /> : <Timeline reverse items={items} />}
      </div>
    </Drawer>
  );
}
