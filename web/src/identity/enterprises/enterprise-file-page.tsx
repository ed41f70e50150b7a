import { Breadcrumb, Card, Col, Descriptions, Row, Skeleton, Table, Typography } from 'antd';
import { BankOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { fieldLabel, PersonLink, plain, SourceTag, VillageName } from '../identity-labels';
import type { EnterpriseFile, EnterprisePerson } from '../identity-types';
import { GoldenTable } from '../persons/golden-table';

type Holder = EnterpriseFile['shareholders'][number];
// Shown elsewhere on the page (header, golden record) or internal to the register's row.
const HIDDEN = new Set(['source', 'legal_rep_name', 'established_date', 'village_code']);

/** 一企一档: an enterprise's registration, the people behind it (linked to their files) and its insured staff. */
export default function EnterpriseFilePage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const req = useRequest((s) => apiGet<EnterpriseFile>(`/api/enterprises/${encodeURIComponent(id)}`, undefined, s), [id]);
  const e = req.data;

  const personColumns = [
    { title: t('identity.enterprise.person'), key: 'name', render: (_: unknown, p: EnterprisePerson) => (p.personId ? <PersonLink id={p.personId} name={p.name} /> : <span>{p.name ?? '—'} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('identity.enterprise.noPersonFile')}</Typography.Text></span>) },
    { title: t('identity.enterprise.idMasked'), dataIndex: 'idMasked', render: plain },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/persons">{t('identity.nav.persons')}</Link> }, { title: t('identity.enterprise.title') }]} />
      <Typography.Title level={3} className="page-title" data-testid="enterprise-name">
        <BankOutlined style={{ marginInlineEnd: 8, color: '#1f4e8c' }} />
        {e ? e.name ?? e.id : id}
      </Typography.Title>
      <ErrorAlert error={req.error} />
      {!e ? (
        req.loading && <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('identity.enterprise.registration')} data-testid="enterprise-registration">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'id', label: t('identity.file.id'), children: <Typography.Text code>{e.id}</Typography.Text> },
                  { key: 'code', label: t('identity.enterprise.creditCode'), children: <Typography.Text code copyable>{e.creditCode}</Typography.Text> },
                  { key: 'village', label: t('identity.file.village'), children: <VillageName code={e.villageCode} /> },
                  ...Object.entries(e.registration ?? {})
                    .filter(([k]) => !HIDDEN.has(k))
                    .map(([k, v]) => ({ key: k, label: fieldLabel(t, k), children: plain(v) })),
                  { key: 'insured', label: t('identity.enterprise.insuredEmployees'), children: t('identity.enterprise.insuredCount', { count: e.insuredEmployees }) },
                  ...(e.registration ? [{ key: 'source', label: fieldLabel(t, 'source'), children: <SourceTag source={e.registration.source} /> }] : []),
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('identity.enterprise.legalReps')} style={{ marginBottom: 16 }}>
              <Table<EnterprisePerson> data-testid="legal-reps" rowKey={(p, i) => p.personId ?? `${p.name}-${i}`} size="small" pagination={false} dataSource={e.legalRepresentatives} scroll={{ x: 'max-content' }} columns={personColumns} />
            </Card>
            <Card size="small" title={t('identity.enterprise.shareholders')}>
              <Table<Holder>
                data-testid="shareholders"
                rowKey={(p, i) => p.personId ?? `${p.name}-${i}`}
                size="small"
                pagination={false}
                dataSource={e.shareholders}
                scroll={{ x: 'max-content' }}
                columns={[
                  ...personColumns,
                  { title: t('identity.enterprises.subscribed'), dataIndex: 'subscribedWan', align: 'right', render: plain },
                  { title: t('identity.enterprises.ratio'), dataIndex: 'ratio', align: 'right', render: plain },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('identity.file.tabs.golden')}>
              <GoldenTable golden={e.golden} enterprise />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
