import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { GrantRequired, isGrantRequired } from '../rows/grant-required';
import { CodeCounts, reasonLabel } from '../ingest-labels';
import { REJECT_STATUSES, type DatasetDetail, type Reject, type RejectsPage, type RejectStatus } from '../ingest-types';

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<RejectStatus, string> = { open: 'red', resubmitted: 'green', dismissed: 'default' };

interface Props {
  detail: DatasetDetail;
  version: number;
  onResubmit: () => void;
  onRequestAccess: () => void;
}

/**
 * Rows the pipeline refused, with the reason for each. Stewards download them as CSV, correct the
 * file and send it back: the `_batch`/`_line` columns tie each fixed row to the reject it closes.
 */
export function QuarantineTab({ detail: d, version, onResubmit, onRequestAccess }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [batch, setBatch] = useState<number>();
  const [status, setStatus] = useState<RejectStatus | undefined>('open');
  const [page, setPage] = useState(1);
  const base = `/api/datasets/${encodeURIComponent(d.name)}`;
  const rejects = useRequest((s) => apiGet<RejectsPage>(`${base}/rejects`, { batch, status, page, pageSize: PAGE_SIZE }, s), [base, batch, status, page, version]);

  if (isGrantRequired(rejects.error)) return <GrantRequired onRequest={onRequestAccess} />;

  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <Select<number>
            allowClear
            placeholder={t('ingest.quarantine.allBatches')}
            style={{ width: 260 }}
            value={batch}
            onChange={(v) => { setBatch(v); setPage(1); }}
            id="quarantine-batch-select"
            data-testid="quarantine-batch"
            options={d.batches.filter((b) => b.rejected > 0).map((b) => ({ value: b.id, label: `#${b.id} · ${b.fileName ?? '—'}（${b.rejected}）` }))}
          />
          <Select<RejectStatus>
            allowClear
            placeholder={t('ingest.quarantine.allStatuses')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => { setStatus(v); setPage(1); }}
            id="quarantine-status-select"
            data-testid="quarantine-status"
            options={REJECT_STATUSES.map((s) => ({ value: s, label: t(`ingestCodes.rejectStatus.${s}`) }))}
          />
        </Space>
        <Space wrap>
          {can('quarantine.export') && (
            // A plain link: the browser streams the (possibly large) CSV straight to disk with the session cookie.
            <Button icon={<DownloadOutlined />} href={withQuery(`${base}/rejects.csv`, { batch })} data-testid="quarantine-download">
              {t('ingest.quarantine.download')}
            </Button>
          )}
          {can('ingest.write') && (
            <Button icon={<RedoOutlined />} onClick={onResubmit} data-testid="quarantine-resubmit">{t('ingest.quarantine.resubmit')}</Button>
          )}
        </Space>
      </Space>
      <div style={{ marginBottom: 12 }} data-testid="quarantine-reasons">
        <Typography.Text type="secondary" style={{ marginRight: 8 }}>{t('ingest.quarantine.byReason')}</Typography.Text>
        <CodeCounts counts={rejects.data?.byReason} label={(c) => reasonLabel(t, c)} color="red" />
      </div>
      <ErrorAlert error={rejects.error} />
      <Table<Reject>
        data-testid="quarantine-table"
        rowKey="id"
        size="small"
        loading={rejects.loading}
        dataSource={rejects.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: rejects.data?.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          { title: t('ingest.quarantine.batch'), dataIndex: 'batch', render: (v: number) => `#${v}` },
          { title: t('ingest.quarantine.line'), dataIndex: 'line', align: 'right' },
          { title: t('ingest.quarantine.reason'), dataIndex: 'reason', render: (v: string) => <Tag color="red" data-code={v}>{reasonLabel(t, v)}</Tag> },
          { title: t('ingest.quarantine.detail'), dataIndex: 'detail', render: (v: string) => <div style={{ maxWidth: 480, whiteSpace: 'normal' }}>{v}</div> },
          {
            title: t('ingest.quarantine.status'), dataIndex: 'status',
            // An open reject with a batch is claimed by a resubmission that is held for review.
            render: (s: RejectStatus, r) => (
              <>
                <Tag color={STATUS_COLOR[s]}>
                  {t(`ingestCodes.rejectStatus.${s}`)}{r.resolvedBatch !== null && s !== 'open' ? ` → #${r.resolvedBatch}` : ''}
                </Tag>
                {r.resolvedBatch !== null && s === 'open' ? <Tag color="gold" data-claimed={r.resolvedBatch}>{t('ingest.quarantine.fixHeld', { batch: r.resolvedBatch })}</Tag> : null}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
