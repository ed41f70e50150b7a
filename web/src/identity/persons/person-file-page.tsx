import { Alert, Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { ReloadOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { personPath, sexLabel, VillageName } from '../identity-labels';
import type { PersonFile } from '../identity-types';
import { ChangesTab } from './changes-tab';
import { FacetsTab } from './facets-tab';
import { GoldenTable } from './golden-table';
import { MarriageTab } from './marriage-tab';
import { RecordsTable } from './records-table';
import { EnterprisesTab, HouseholdTab } from './relations-tabs';

const TABS = ['golden', 'records', 'household', 'enterprises', 'facets', 'marriage', 'changes'] as const;
type Tab = (typeof TABS)[number];
const STATUS_COLOR: Record<PersonFile['status'], string> = { active: 'success', merged: 'warning', retired: 'default' };

/** 一人一档: one person's file, gathered from every department that mentions them. Each read is audited. */
export default function PersonFilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const id = params.id ?? '';
  const tab: Tab = (TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as Tab) : 'golden';
  const file = useRequest((s) => apiGet<PersonFile>(`/api/persons/${encodeURIComponent(id)}`, undefined, s), [id]);
  const f = file.data;
  const count = (n: number) => (n ? <Tag style={{ marginInlineStart: 6 }}>{n}</Tag> : null);

  const tabs = f && [
    { key: 'golden', label: t('identity.file.tabs.golden'), children: <GoldenTable golden={f.golden} /> },
    { key: 'records', label: <span>{t('identity.file.tabs.records')}{count(f.records.length)}</span>, children: <RecordsTable records={f.records} file={f.id} /> },
    { key: 'household', label: <span>{t('identity.file.tabs.household')}{count(f.household.length)}</span>, children: <HouseholdTab householdNo={f.golden.household_no?.value ?? null} members={f.household} /> },
    { key: 'enterprises', label: <span>{t('identity.file.tabs.enterprises')}{count(f.enterprises.length)}</span>, children: <EnterprisesTab enterprises={f.enterprises} /> },
    { key: 'facets', label: <span>{t('identity.file.tabs.facets')}{count(f.facets.length)}</span>, children: <FacetsTab facets={f.facets} /> },
    { key: 'marriage', label: t('identity.file.tabs.marriage'), children: <MarriageTab id={f.id} /> },
    { key: 'changes', label: t('identity.file.tabs.changes'), children: <ChangesTab changes={f.changes} self={f.id} /> },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/persons">{t('identity.nav.persons')}</Link> }, { title: f?.name ?? id }]} />
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Typography.Title level={3} className="page-title" data-testid="person-name">
          <UserOutlined style={{ marginInlineEnd: 8, color: '#1f4e8c' }} />
          {f ? f.name ?? f.id : id}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={file.reload} aria-label={t('identity.refresh')} />
      </Space>
      {f && f.id !== id && (
        // A merged file answers with the one it was merged into; say so, since the id in the link differs.
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('identity.file.mergedInto', { from: id, to: f.id })} action={<Link to={personPath(f.id, tab)}>{f.id}</Link>} />
      )}
      <ErrorAlert error={file.error} />
      {f && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3, xxl: 6 }}
            data-testid="person-header"
            items={[
              { key: 'id', label: t('identity.file.id'), children: <Typography.Text code>{f.id}</Typography.Text> },
              { key: 'idMasked', label: t('identity.file.idMasked'), children: <span data-testid="person-id-masked">{f.idMasked ?? '—'}</span> },
              { key: 'sex', label: t('identityCodes.fields.sex'), children: sexLabel(t, f.golden.sex?.value ?? null) },
              { key: 'birth', label: t('identity.file.birthDate'), children: f.birthDate ?? '—' },
              { key: 'village', label: t('identity.file.village'), children: <VillageName code={f.villageCode} /> },
              {
                key: 'status', label: t('identity.file.statusLabel'),
                children: (
                  <Space size={4} wrap>
                    <Tag color={STATUS_COLOR[f.status]}>{t(`identity.file.status.${f.status}`)}</Tag>
                    <Typography.Text type="secondary" data-testid="person-record-count">{t('identity.file.recordCount', { count: f.records.length })}</Typography.Text>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card size="small">
        {tabs ? (
          <Tabs activeKey={tab} onChange={(k) => navigate(personPath(f.id, k), { replace: true })} items={tabs} data-testid="person-tabs" />
        ) : file.loading ? (
          <Skeleton active />
        ) : null}
      </Card>
    </>
  );
}
