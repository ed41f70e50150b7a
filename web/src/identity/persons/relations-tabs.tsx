import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { enterprisePath, PersonLink, plain, roleLabel } from '../identity-labels';
import type { EnterpriseLink, HouseholdMember } from '../identity-types';

/** The other members of the registered household, each a link to their own file. */
export function HouseholdTab({ householdNo, members }: { householdNo: string | null; members: HouseholdMember[] }) {
  const { t } = useTranslation();
  return (
    <>
      {householdNo && <Typography.Paragraph type="secondary">{t('identity.household.householdNo', { no: householdNo })}</Typography.Paragraph>}
      <Table<HouseholdMember>
        data-testid="household-table"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={members}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('identity.household.empty') }}
        columns={[
          { title: t('identity.household.name'), key: 'name', render: (_, m) => <PersonLink id={m.id} name={m.name} /> },
          { title: t('identity.household.relation'), dataIndex: 'relation', render: plain },
          { title: t('identity.household.birthDate'), dataIndex: 'birthDate', render: plain },
        ]}
      />
    </>
  );
}

/** Enterprises where the person is legal representative or shareholder, linking to the enterprise file. */
export function EnterprisesTab({ enterprises }: { enterprises: EnterpriseLink[] }) {
  const { t } = useTranslation();
  return (
    <Table<EnterpriseLink>
      data-testid="enterprises-table"
      rowKey={(e) => `${e.creditCode}:${e.role}`}
      size="small"
      pagination={false}
      dataSource={enterprises}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('identity.enterprises.empty') }}
      columns={[
        {
          title: t('identity.enterprises.name'), key: 'name',
          render: (_, e) => e.enterpriseId
            ? <Link to={enterprisePath(e.enterpriseId)} data-testid={`enterprise-link-${e.enterpriseId}`}>{e.name ?? e.creditCode}</Link>
            : <span>{e.name ?? '—'} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('identity.enterprises.noFile')}</Typography.Text></span>,
        },
        { title: t('identity.enterprises.creditCode'), dataIndex: 'creditCode', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('identity.enterprises.role'), dataIndex: 'role', render: (r: string) => <Tag color={r === 'legal_rep' ? 'geekblue' : 'default'}>{roleLabel(t, r)}</Tag> },
        { title: t('identity.enterprises.capital'), dataIndex: 'registeredCapitalWan', align: 'right', render: plain },
        { title: t('identity.enterprises.subscribed'), dataIndex: 'subscribedWan', align: 'right', render: plain },
        { title: t('identity.enterprises.ratio'), dataIndex: 'ratio', align: 'right', render: plain },
      ]}
    />
  );
}
