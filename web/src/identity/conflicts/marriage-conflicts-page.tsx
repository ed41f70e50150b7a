import { App, Button, Card, Col, Input, Modal, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiGet, apiPost } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { formatTime } from '../../lib/format-time';
import { bilingual, personPath, SourceTag } from '../identity-labels';
import type { ConflictPage, ConflictStatus, MarriageConflict } from '../identity-types';

const PAGE_SIZE = 20;
const KINDS = ['divorce_without_marriage', 'overlapping_marriages', 'dates_out_of_order', 'registry_status_stale'];
const STATUSES: ConflictStatus[] = ['open', 'confirmed', 'dismissed', 'gone'];
const KIND_COLOR: Record<string, string> = { divorce_without_marriage: 'volcano', overlapping_marriages: 'red', dates_out_of_order: 'orange', registry_status_stale: 'gold' };

/** 婚姻冲突: contradictions between departments' marriage records, to confirm (a real error) or dismiss. */
export default function MarriageConflictsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<ConflictStatus>('open');
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [settling, setSettling] = useState<{ c: MarriageConflict; to: 'confirmed' | 'dismissed' } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useRequest((s) => apiGet<ConflictPage>('/api/identity/marriage-conflicts', { status, kind, page, pageSize: PAGE_SIZE }, s), [status, kind, page]);
  const byKind = list.data?.byKind ?? {};
  const kinds = [...new Set([...KINDS, ...Object.keys(byKind)])];
  const kindLabel = (k: string) => t(`identityCodes.conflictKinds.${k}`, { defaultValue: k });

  const settle = async () => {
    if (!settling) return;
    setBusy(true);
    try {
      await apiPost(`/api/identity/marriage-conflicts/${settling.c.id}`, { status: settling.to, note: note.trim() || null });
      message.success(t('identity.conflicts.settled'));
      setSettling(null);
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
      list.reload();
    }
  };
  const open = (c: MarriageConflict, to: 'confirmed' | 'dismissed') => {
    setNote('');
    setSettling({ c, to });
  };
  const filter = (k: string | undefined) => {
    setKind(k);
    setPage(1);
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('identity.conflicts.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('identity.conflicts.intro')}</Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="conflict-counts">
        {kinds.map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small" hoverable onClick={() => filter(kind === k ? undefined : k)} style={kind === k ? { borderColor: '#1f4e8c' } : undefined} data-testid={`conflict-count-${k}`}>
              <Statistic title={kindLabel(k)} value={byKind[k] ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<ConflictStatus> value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={STATUSES.map((s) => ({ value: s, label: t(`identity.conflicts.status.${s}`) }))} />
          <Select
            allowClear
            id="conflict-kind-select"
            style={{ minWidth: 200 }}
            placeholder={t('identity.conflicts.allKinds')}
            value={kind}
            onChange={filter}
            options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
          />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<MarriageConflict>
          data-testid="conflicts-table"
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('identity.conflicts.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, hideOnSinglePage: true, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
          columns={[
            { title: t('identity.conflicts.person'), key: 'person', render: (_, c) => <Link to={personPath(c.person, 'marriage')} data-testid={`conflict-person-${c.person}`}>{c.name ?? c.person}</Link> },
            { title: t('identity.conflicts.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={KIND_COLOR[k] ?? 'default'}>{kindLabel(k)}</Tag> },
            { title: t('identity.conflicts.detail'), dataIndex: 'detail', render: (d: string) => <Typography.Paragraph style={{ maxWidth: 360, marginBottom: 0 }}>{bilingual(d, i18n.language)}</Typography.Paragraph> },
            { title: t('identity.conflicts.sources'), dataIndex: 'sources', render: (s: MarriageConflict['sources']) => <div style={{ maxWidth: 320 }}>{s.map((x) => <SourceTag key={`${x.dataset}:${x.row}`} source={x} />)}</div> },
            { title: t('identity.conflicts.foundAt'), dataIndex: 'foundAt', render: formatTime },
            {
              title: t('common.actions'), key: 'actions', fixed: 'right' as const,
              render: (_, c) => c.status === 'open' ? (
                <Space size={0}>
                  <Button type="link" size="small" icon={<CheckOutlined />} onClick={() => open(c, 'confirmed')} data-testid={`confirm-${c.id}`}>{t('identity.conflicts.confirm')}</Button>
                  <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => open(c, 'dismissed')} data-testid={`dismiss-${c.id}`}>{t('identity.conflicts.dismiss')}</Button>
                </Space>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[c.decidedBy, c.note].filter(Boolean).join(' · ') || t(`identity.conflicts.status.${c.status}`)}</Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!settling}
        title={settling && t(settling.to === 'confirmed' ? 'identity.conflicts.confirmTitle' : 'identity.conflicts.dismissTitle')}
        okText={settling && t(settling.to === 'confirmed' ? 'identity.conflicts.confirm' : 'identity.conflicts.dismiss')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: settling?.to === 'dismissed' }}
        confirmLoading={busy}
        onOk={settle}
        onCancel={() => setSettling(null)}
        destroyOnHidden
      >
        {settling && (
          <>
            <Typography.Paragraph>
              <Link to={personPath(settling.c.person, 'marriage')}>{settling.c.name ?? settling.c.person}</Link> · {kindLabel(settling.c.kind)}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{bilingual(settling.c.detail, i18n.language)}</Typography.Paragraph>
            <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('identity.conflicts.notePlaceholder')} data-testid="settle-note" />
          </>
        )}
      </Modal>
    </>
  );
}
