import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { CaseActions } from '../case/case-actions';
import { NavigateLinks } from '../case/navigate-links';
import { SEVERITY_COLOR, SeverityTag, StatusTag, useAge, useCategories } from '../dispatch-labels';
import type { Action, CaseList, CaseStatus, CaseView } from '../dispatch-types';
import { useCaseStream } from '../use-case-stream';
import '../dispatch.css';

// What a handler can do in each status (the server checks again and answers 409 otherwise).
const HANDLER_ACTIONS: Partial<Record<CaseStatus, Action[]>> = {
  dispatched: ['accept', 'return'],
  accepted: ['start', 'resolve', 'return'],
  in_progress: ['resolve'],
};

/** The grid worker's phone page: my open cases, one card each, with the next step a thumb away. */
export default function MyCasesPage() {
  const { t } = useTranslation();
  const loaded = useRequest((s) => apiGet<CaseList>('/api/dispatch/my-cases', { pageSize: 100 }, s), []);
  const [cases, setCases] = useState<CaseView[]>([]);
  const [now, setNow] = useState(Date.now());
  const { label } = useCategories();
  const age = useAge();
  useEffect(() => {
    if (loaded.data) setCases(loaded.data.items);
    setNow(Date.now());
  }, [loaded.data]);
  const { reload } = loaded;
  useCaseStream(useCallback(() => reload(), [reload]));

  const replace = (c: CaseView) => setCases((prev) => prev.map((x) => (x.caseId === c.caseId ? c : x)));

  return (
    <div className="dispatch-my" data-testid="my-cases">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="baseline">
        <Typography.Title level={3} className="page-title">{t('dispatch.my.title')}</Typography.Title>
        <Button size="large" icon={<ReloadOutlined />} onClick={reload} aria-label={t('dispatch.actions.refresh')} />
      </Space>
      <ErrorAlert error={loaded.error} />
      {loaded.loading && cases.length === 0 && <Skeleton active />}
      {!loaded.loading && cases.length === 0 && <Empty description={t('dispatch.my.empty')} />}
      {cases.map((c) => {
        const { lat, lon, address } = c.location;
        return (
          <Card key={c.caseId} className="dispatch-my-card" style={{ ['--sev' as string]: SEVERITY_COLOR[c.severity] }} data-testid="my-case" data-case={c.caseId} data-status={c.status}>
            <div className="dispatch-my-title">
              <Link to={`/dispatch/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link>
            </div>
            <Space wrap size={4} style={{ marginBottom: 6 }}>
              <SeverityTag severity={c.severity} />
              <StatusTag status={c.status} />
              {c.overdue && <Tag color="red">{t('dispatch.overdue')}</Tag>}
            </Space>
            <div className="dispatch-my-meta">
              {label(c.category)} · {age(c.openedAt, now)}
              {address && <div>{address}</div>}
            </div>
            {lat != null && lon != null && <div style={{ marginBottom: 10 }}><NavigateLinks lat={lat} lon={lon} large /></div>}
            <CaseActions caseId={c.caseId} version={c.version} actions={HANDLER_ACTIONS[c.status] ?? []} onDone={replace} onReload={reload} large />
          </Card>
        );
      })}
    </div>
  );
}
