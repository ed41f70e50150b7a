import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SeverityTag, StatusTag, useAge, useCategories } from '../dispatch-labels';
import type { CaseView } from '../dispatch-types';

interface Props { cases: CaseView[]; fresh: Set<string>; now: number; loading: boolean }

/** Open cases, newest first; a new one flashes, an overdue one carries a red edge and tag. */
export function WallTable({ cases, fresh, now, loading }: Props) {
  const { t } = useTranslation();
  const { label } = useCategories();
  const age = useAge();
  return (
    <Table<CaseView>
      data-testid="wall-table"
      rowKey="caseId"
      size="small"
      loading={loading}
      dataSource={cases}
      pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
      scroll={{ x: 'max-content' }}
      rowClassName={(c) => [fresh.has(c.caseId) ? 'dispatch-fresh' : '', c.overdue ? 'dispatch-overdue-row' : ''].join(' ')}
      onRow={(c) => ({ 'data-case': c.caseId, 'data-fresh': fresh.has(c.caseId) ? 'true' : undefined }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('dispatch.col.severity'), dataIndex: 'severity', render: (s: CaseView['severity']) => <SeverityTag severity={s} /> },
        { title: t('dispatch.col.category'), dataIndex: 'category', render: (c: string) => label(c) },
        {
          title: t('dispatch.col.title'), dataIndex: 'title',
          render: (v: string, c) => <Link to={`/dispatch/cases/${encodeURIComponent(c.caseId)}`} data-testid="wall-case-link">{v}</Link>,
        },
        { title: t('dispatch.col.unit'), key: 'unit', render: (_, c) => c.unit.name },
        { title: t('dispatch.col.status'), dataIndex: 'status', render: (s: CaseView['status']) => <StatusTag status={s} /> },
        { title: t('dispatch.col.age'), dataIndex: 'openedAt', render: (v: string) => age(v, now) },
        { title: '', key: 'overdue', render: (_, c) => (c.overdue ? <Tag color="red">{t('dispatch.overdue')}</Tag> : null) },
      ]}
    />
  );
}
