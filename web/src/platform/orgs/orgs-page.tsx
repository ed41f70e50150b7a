import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgTable } from './org-table';

/** Departments linked to the operations centre, and each town's command centre. */
export default function OrgsPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('orgs.title')}</Typography.Title>
      <Card size="small">
        <Tabs
          destroyOnHidden
          items={[
            { key: 'department', label: t('orgs.departments'), children: <OrgTable kind="department" /> },
            { key: 'command_centre', label: t('orgs.commandCentres'), children: <OrgTable kind="command_centre" /> },
          ]}
        />
      </Card>
    </>
  );
}
