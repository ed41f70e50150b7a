import { App, Button, Card, Col, Empty, Input, Row, Segmented, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined } from '@ant-design/icons';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { formatTime } from '../../lib/format-time';
import { pct, roleLabel } from '../identity-labels';
import type { ReviewPair, ReviewRecord, ReviewStatus } from '../identity-types';
import { PairCompare } from './pair-compare';

const WaterfallChart = lazy(() => import('./waterfall-chart'));
const PAGE_SIZE = 20;
const STATUSES: ReviewStatus[] = ['open', 'same', 'different'];

function Who({ r }: { r: ReviewRecord | null }) {
  const { t } = useTranslation();
  if (!r) return <span>—</span>;
  return (
    // Kept narrow so both records fit beside the detail pane; the dataset is in the tooltip and the detail.
    <Tooltip title={r.dataset}>
      <div style={{ lineHeight: 1.5, whiteSpace: 'nowrap' }}>
        <Typography.Text strong>{r.name ?? '—'}</Typography.Text> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{roleLabel(t, r.role)}</Typography.Text>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.id_masked ?? ''}</Typography.Text></div>
      </div>
    </Tooltip>
  );
}

/** 匹配审核: pairs the model could not decide, with the evidence, for a person to call same or different. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<ReviewStatus>('open');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'same' | 'different' | null>(null);
  const list = useRequest((s) => apiGet<{ total: number; items: ReviewPair[] }>('/api/identity/reviews', { status, page, pageSize: PAGE_SIZE }, s), [status, page]);
  const items = list.data?.items ?? [];
  const pair = items.find((p) => p.id === selected) ?? null;

  // Keep a pair selected: after a decision the decided one leaves the list and the next takes its place.
  useEffect(() => {
    if (!list.data) return;
    if (!list.data.items.some((p) => p.id === selected)) setSelected(list.data.items[0]?.id ?? null);
  }, [list.data, selected]);
  useEffect(() => setNote(''), [selected]);

  const decide = async (decision: 'same' | 'different') => {
    if (!pair) return;
    setBusy(decision);
    try {
      await apiPost(`/api/identity/reviews/${pair.id}`, { decision, note: note.trim() || null });
      message.success(t(decision === 'same' ? 'identity.reviews.decidedSame' : 'identity.reviews.decidedDifferent'));
    } catch (e) {
      message.error(errorText(e, t('error.unknown'))); // 409: someone else decided it first; the reload shows that
    } finally {
      setBusy(null);
      list.reload();
    }
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('identity.reviews.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('identity.reviews.intro')}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small">
            <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
              <Segmented<ReviewStatus>
                value={status}
                onChange={(v) => { setStatus(v); setPage(1); setSelected(null); }}
                options={STATUSES.map((s) => ({ value: s, label: t(`identity.reviews.status.${s}`) }))}
                data-testid="review-status"
              />
              <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('identity.refresh')} />
            </Space>
            <Table<ReviewPair>
              data-testid="review-list"
              rowKey="id"
              size="small"
              loading={list.loading}
              dataSource={items}
              scroll={{ x: 'max-content' }}
              // While loading the table would show its empty text under the spinner; say nothing until the answer.
              locale={{ emptyText: list.loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('identity.reviews.empty')} data-testid="review-empty" /> }}
              rowSelection={{ type: 'radio', selectedRowKeys: selected == null ? [] : [selected], onChange: (keys) => setSelected(Number(keys[0])), columnWidth: 32 }}
              onRow={(p) => ({ onClick: () => setSelected(p.id), style: { cursor: 'pointer' } })}
              pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, hideOnSinglePage: true, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
              columns={[
                { title: t('identity.reviews.probability'), dataIndex: 'probability', render: (p: number) => <Typography.Text strong>{pct(p)}</Typography.Text> },
                { title: t('identity.reviews.recordA'), key: 'a', render: (_, p) => <Who r={p.a} /> },
                { title: t('identity.reviews.recordB'), key: 'b', render: (_, p) => <Who r={p.b} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" data-testid="review-detail" title={pair ? `${t('identity.reviews.probability')} ${pct(pair.probability)}` : undefined}>
            {!pair ? (
              <Empty description={t(items.length ? 'identity.reviews.pick' : 'identity.reviews.empty')} />
            ) : (
              <>
                <PairCompare a={pair.a} b={pair.b} fields={pair.explanation.fields} />
                <Typography.Title level={5} style={{ marginTop: 16 }}>{t('identity.reviews.waterfall')}</Typography.Title>
                <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>
                  <WaterfallChart explanation={pair.explanation} />
                </Suspense>
                {pair.status === 'open' ? (
                  <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
                    <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('identity.reviews.notePlaceholder')} aria-label={t('identity.reviews.note')} data-testid="review-note" />
                    <Space wrap>
                      <Button type="primary" icon={<CheckOutlined />} loading={busy === 'same'} disabled={!!busy} onClick={() => decide('same')} data-testid="decide-same">{t('identity.reviews.same')}</Button>
                      <Button danger icon={<CloseOutlined />} loading={busy === 'different'} disabled={!!busy} onClick={() => decide('different')} data-testid="decide-different">{t('identity.reviews.different')}</Button>
                    </Space>
                  </Space>
                ) : (
                  <div style={{ marginTop: 16 }}>
                    <Tag color={pair.status === 'same' ? 'green' : 'red'}>{t(`identity.reviews.status.${pair.status}`)}</Tag>
                    <Typography.Text type="secondary">{t('identity.reviews.decidedBy', { who: pair.decidedBy ?? '—', at: formatTime(pair.decidedAt) })}</Typography.Text>
                    {pair.note && <Typography.Paragraph style={{ marginTop: 8 }}>{pair.note}</Typography.Paragraph>}
                  </div>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
