import { Alert, Breadcrumb, Card, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { formatTime } from '../../lib/format-time';
import { DomainTag } from '../supervision-labels';
import type { ModelDetail } from '../supervision-types';
import { ModelDefinition } from './model-definition';
import { ModelEditor } from './model-editor';
import { RunModels } from './run-models';

type Tab = 'definition' | 'versions' | 'edit';

/** One model: its definition laid out readably (any version), the version history, and the editor. */
export default function ModelPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { can } = useSession();
  const version = Number(params.get('version')) || undefined;
  const mayEdit = can('supervision.model.edit');
  const tab: Tab = params.get('tab') === 'versions' ? 'versions' : params.get('tab') === 'edit' && mayEdit ? 'edit' : 'definition';
  const loaded = useRequest((s) => apiGet<ModelDetail>(`/api/supervision/models/${encodeURIComponent(id)}`, { version }, s), [id, version]);
  // The editor always works on the current version and its draft, whatever version is being read.
  const current = useRequest((s) => (version && mayEdit ? apiGet<ModelDetail>(`/api/supervision/models/${encodeURIComponent(id)}`, undefined, s) : Promise.resolve(undefined)), [id, version, mayEdit]);
  const m = loaded.data;
  const go = (next: { tab?: Tab; version?: number | null }) => {
    const p = new URLSearchParams(params);
    if (next.tab) p.set('tab', next.tab);
    if (next.version === null) p.delete('version');
    else if (next.version) p.set('version', String(next.version));
    // Reading another version is a step back can undo; switching tabs is not.
    setParams(p, { replace: next.version === undefined });
  };
  const reload = () => {
    loaded.reload();
    current.reload();
  };

  if (!m) return <><ErrorAlert error={loaded.error} />{!loaded.error && <Skeleton active />}</>;
  const spec = m.spec;
  const shown = spec.version;
  const editing = version ? current.data : m;

  return (
    <div data-testid="model-page">
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/supervision/models">{t('supervision.nav.models')}</Link> }, { title: m.id }]} />
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <div>
          <Typography.Title level={3} className="page-title" style={{ marginBottom: 4 }} data-testid="model-name">
            {i18n.language === 'en' ? spec.nameEn : spec.name}
          </Typography.Title>
          <Space wrap size={[8, 4]} style={{ marginBottom: 12 }}>
            <Typography.Text code>{m.id}</Typography.Text>
            <DomainTag domain={spec.domain} />
            <Typography.Text type="secondary" data-testid="model-version">{t('supervision.versionValue', { version: shown })}</Typography.Text>
            <Tag color={m.enabled ? 'green' : 'default'}>{m.enabled ? t('supervision.models.enabled') : t('supervision.models.disabled')}</Tag>
            {m.builtin && <Tag>{t('supervision.models.builtin')}</Tag>}
            {m.draft && <Tag color="blue">{t('supervision.models.draftVersion', { version: m.draft.version })}</Tag>}
          </Space>
        </div>
      </Space>
      <div style={{ marginBottom: 12 }}><RunModels models={[m.id]} /></div>
      {shown !== m.currentVersion && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('supervision.model.oldVersion', { version: shown, current: m.currentVersion })}
          action={<Typography.Link onClick={() => go({ version: null })}>{t('supervision.model.toCurrent')}</Typography.Link>}
        />
      )}
      <ErrorAlert error={loaded.error} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => go({ tab: k as Tab })}
          items={[
            { key: 'definition', label: t('supervision.model.tabDefinition'), children: <ModelDefinition spec={spec} /> },
            {
              key: 'versions', label: t('supervision.model.tabVersions', { count: m.versions.length }),
              children: (
                <Table
                  data-testid="model-versions"
                  rowKey="version"
                  size="small"
                  pagination={false}
                  dataSource={m.versions}
                  columns={[
                    {
                      title: t('supervision.col.version'), dataIndex: 'version',
                      render: (v: number) => (
                        <Space size={4}>
                          {t('supervision.versionValue', { version: v })}
                          {v === m.currentVersion && <Tag color="green">{t('supervision.model.current')}</Tag>}
                          {v === shown && v !== m.currentVersion && <Tag color="blue">{t('supervision.model.viewing')}</Tag>}
                        </Space>
                      ),
                    },
                    { title: t('supervision.model.publishedBy'), dataIndex: 'publishedBy', render: (b: string) => (b === 'system' ? t('supervision.models.builtin') : b) },
                    { title: t('supervision.model.publishedAt'), dataIndex: 'publishedAt', render: (v: string) => formatTime(v) },
                    { title: t('common.actions'), key: 'open', render: (_, v) => <Typography.Link onClick={() => { go({ tab: 'definition', version: v.version === m.currentVersion ? null : v.version }); }}>{t('supervision.model.view')}</Typography.Link> },
                  ]}
                />
              ),
            },
            ...(mayEdit ? [{ key: 'edit', label: t('supervision.model.tabEdit'), children: editing ? <ModelEditor model={editing} onChanged={reload} /> : <Skeleton active /> }] : []),
          ]}
        />
      </Card>
    </div>
  );
}
