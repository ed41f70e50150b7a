import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RuleTable } from './rule-table';
import { SlaTable } from './sla-table';

/** Where cases go (routing rules, first match wins) and how long each step may take (SLA). */
export default function RulesPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('dispatch.rules.title')}</Typography.Title>
      <Card size="small">
        <Tabs
          items={[
            { key: 'rules', label: t('dispatch.rules.tabRules'), children: <RuleTable /> },
            { key: 'sla', label: t('dispatch.rules.tabSla'), children: <SlaTable /> },
          ]}
        />
      </Card>
    </>
  );
}
