import { App, Button, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, KeyOutlined, StopOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { apiGet, apiPost } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import type { Items, Org } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { formatTime } from '../../lib/format-time';
import type { DatasetDetail, Grant, GrantStatus } from '../ingest-types';
import { GrantRequestModal } from './grant-request-modal';

type Decision = 'approved' | 'refused' | 'revoked';
const STATUS_COLOR: Record<GrantStatus, string> = { requested: 'processing', approved: 'success', refused: 'error', revoked: 'default' };
const small = { fontSize: 12 };

/** 申请-审批: who may read this dataset beyond its owner, requests for access and their decisions. */
export function AccessTab({ detail: d, version }: { detail: DatasetDetail; version: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<{ grant: Grant; decision: Decision } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const grants = useRequest((s) => apiGet<Items<Grant>>('/api/grants', { dataset: d.name }, s), [d.name, version]);
  const orgs = useRequest((s) => apiGet<Items<Org>>('/api/orgs', { kind: 'department' }, s), []);
  const deptName = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.code, o.name])), [orgs.data]);
  const column = useMemo(() => new Map(d.spec.fields.map((f) => [f.name, f.column])), [d.spec.fields]);
  const decide = can('grant.decide');

  // The rows tab's "request access" lands here with ?request=1 to open the form straight away.
  useEffect(() => {
    if (params.get('request') !== '1') return;
    setRequesting(true);
    setParams({}, { replace: true });
  }, [params, setParams]);

  const submitDecision = async () => {
    if (!deciding) return;
    setBusy(true);
    try {
      await apiPost(`/api/grants/${deciding.grant.id}/decision`, { decision: deciding.decision, note: note.trim() || null });
      message.success(t(`ingest.access.decided.${deciding.decision}`, { id: deciding.grant.id }));
      setDeciding(null);
      grants.reload();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const open = (grant: Grant, decision: Decision) => {
    setNote('');
    setDeciding({ grant, decision });
  };

  const grantee = (g: Grant) =>
    g.granteeKind === 'role' ? t(`role.${g.grantee}`, { defaultValue: g.grantee }) : (deptName.get(g.grantee) ?? g.grantee);

  const actions = (g: Grant) => {
    const own = g.requestedBy === me?.username; // the server refuses self-approval; say why here
    if (g.status === 'requested') {
      return (
        <Tooltip title={own ? t('ingest.access.ownRequest') : undefined}>
          <Space size={0}>
            <Button type="link" size="small" icon={<CheckOutlined />} disabled={own} onClick={() => open(g, 'approved')} data-testid={`approve-${g.id}`}>{t('ingest.access.approve')}</Button>
            <Button type="link" size="small" danger icon={<CloseOutlined />} disabled={own} onClick={() => open(g, 'refused')} data-testid={`refuse-${g.id}`}>{t('ingest.access.refuse')}</Button>
          </Space>
        </Tooltip>
      );
    }
    if (g.status === 'approved') {
      return <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => open(g, 'revoked')} data-testid={`revoke-${g.id}`}>{t('ingest.access.revoke')}</Button>;
    }
    return null;
  };

  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Text type="secondary">{t(decide ? 'ingest.access.noteDecider' : 'ingest.access.noteOwn', { level: d.level })}</Typography.Text>
        <Button type="primary" icon={<KeyOutlined />} onClick={() => setRequesting(true)} data-testid="open-grant-form">{t('ingest.access.request')}</Button>
      </Space>
      <ErrorAlert error={grants.error} />
      <Table<Grant>
        data-testid="grants-table"
        rowKey="id"
        size="small"
        loading={grants.loading}
        dataSource={grants.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('ingest.access.none') }}
        columns={[
          { title: t('ingest.access.id'), dataIndex: 'id', render: (v: number) => `#${v}` },
          { title: t('ingest.access.grantee'), key: 'grantee', render: (_, g) => <Space size={4}><Tag>{t(`ingest.access.kinds.${g.granteeKind}`)}</Tag>{grantee(g)}</Space> },
          {
            title: t('ingest.access.fields'), dataIndex: 'fields',
            render: (v: string[] | null) => (v?.length ? <div style={{ maxWidth: 280 }}>{v.map((f) => <Tooltip key={f} title={f}><Tag>{column.get(f) ?? f}</Tag></Tooltip>)}</div> : <Typography.Text type="secondary">{t('ingest.access.allFields')}</Typography.Text>),
          },
          { title: t('ingest.access.purpose'), dataIndex: 'purpose', render: (v: string) => <div style={{ maxWidth: 280, whiteSpace: 'normal' }}>{v}</div> },
          { title: t('ingest.access.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => formatTime(v).slice(0, 10) },
          { title: t('ingest.access.status'), dataIndex: 'status', render: (s: GrantStatus) => <Tag color={STATUS_COLOR[s]}>{t(`ingest.access.statuses.${s}`)}</Tag> },
          {
            title: t('ingest.access.requestedBy'), key: 'requested',
            render: (_, g) => <div style={{ ...small, whiteSpace: 'nowrap' }}>{g.requestedBy}<br /><Typography.Text type="secondary" style={small}>{formatTime(g.requestedAt)}</Typography.Text></div>,
          },
          {
            title: t('ingest.access.decidedBy'), key: 'decided',
            render: (_, g) => (g.decidedBy ? (
              <div style={{ ...small, maxWidth: 240 }}>
                {g.decidedBy} <Typography.Text type="secondary" style={small}>{formatTime(g.decidedAt)}</Typography.Text>
                {g.note && <div><Typography.Text type="secondary" style={small}>{g.note}</Typography.Text></div>}
              </div>
            ) : '—'),
          },
          ...(decide ? [{ title: t('common.actions'), key: 'actions', fixed: 'right' as const, render: (_: unknown, g: Grant) => actions(g) }] : []),
        ]}
      />
      <GrantRequestModal
        open={requesting}
        dataset={d.name}
        fields={d.spec.fields}
        departments={orgs.data?.items ?? []}
        onClose={(saved) => {
          setRequesting(false);
          if (saved) grants.reload();
        }}
      />
      <Modal
        open={!!deciding}
        title={deciding ? t(`ingest.access.decideTitle.${deciding.decision}`, { id: deciding.grant.id, grantee: grantee(deciding.grant) }) : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: deciding?.decision !== 'approved' }}
        confirmLoading={busy}
        onOk={submitDecision}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('ingest.access.notePlaceholder')} />
      </Modal>
    </>
  );
}
