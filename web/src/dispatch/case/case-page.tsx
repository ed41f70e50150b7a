import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Skeleton, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { formatTime } from '../../lib/format-time';
import { SeverityTag, StatusTag, useCategories } from '../dispatch-labels';
import type { CaseDetail, FeedItem } from '../dispatch-types';
import { useCaseStream } from '../use-case-stream';
import { CaseActions } from './case-actions';
import { CaseReports, PlaceName } from './case-reports';
import { CaseTimeline } from './case-timeline';
import { NavigateLinks } from './navigate-links';

const CaseMap = lazy(() => import('../case-map'));

function Due({ at, done }: { at: string | null; done: string | null }) {
  const { t } = useTranslation();
  if (!at) return <>—</>;
  const late = done ? Date.parse(done) > Date.parse(at) : Date.now() > Date.parse(at);
  return (
    <Space size={4}>
      {formatTime(at)}
      {late && <Tag color="red">{t('dispatch.case.late')}</Tag>}
      {done && !late && <Tag color="green">{t('dispatch.case.onTime')}</Tag>}
    </Space>
  );
}

/** One case: what happened, where, who handles it and why, its deadlines, its timeline and the next steps. */
export default function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useRequest((s) => apiGet<CaseDetail>(`/api/dispatch/cases/${encodeURIComponent(id)}`, undefined, s), [id]);
  const [c, setC] = useState<CaseDetail>();
  const { label } = useCategories();
  useEffect(() => setC(loaded.data), [loaded.data]);
  const { reload } = loaded;
  // Someone else's step on this case shows up at once, so the version sent next is current.
  useCaseStream(useCallback((item: FeedItem) => { if (item.caseId === id) reload(); }, [id, reload]));

  if (!c) return <><ErrorAlert error={loaded.error} />{!loaded.error && <Skeleton active />}</>;
  const loc = c.location;
  const point = loc.lon != null && loc.lat != null ? [{ caseId: c.caseId, lon: loc.lon, lat: loc.lat, severity: c.severity, title: c.title }] : [];
  const region = loc.gridCode ?? loc.villageCode ?? loc.townCode;

  return (
    <div data-testid="case-page" data-status={c.status} data-version={c.version}>
      <div style={{ marginBottom: 8 }}>
        <Link to="/dispatch/wall"><ArrowLeftOutlined /> {t('dispatch.wall.title')}</Link>
      </div>
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }} data-testid="case-title">{c.title}</Typography.Title>
        <SeverityTag severity={c.severity} />
        <StatusTag status={c.status} />
        {c.overdue && <Tag color="red">{t('dispatch.overdue')}</Tag>}
      </Space>
      <ErrorAlert error={loaded.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('dispatch.case.actions')} style={{ marginBottom: 16 }}>
            <CaseActions caseId={c.caseId} version={c.version} actions={c.allowedActions} onDone={setC} onReload={reload} />
          </Card>
          <Card size="small" title={t('dispatch.case.details')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="case-details">
              <Descriptions.Item label={t('dispatch.col.category')}>{label(c.category)}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.source')}>{c.source}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.occurredAt')}>{formatTime(c.occurredAt)}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.openedAt')}>{formatTime(c.openedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.place')} span={2}>
                {region ? <PlaceName code={region} /> : '—'}{loc.address ? ` · ${loc.address}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('dispatch.col.unit')}>{c.unit.name}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.assignee')}>{c.assignee ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.dispatcher')}>{c.dispatcher.name}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.escalatedTo')}>{c.escalatedTo ? `${c.escalatedTo.name} (${c.escalations})` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.alsoNotify')} span={2}>{c.alsoNotify.filter(Boolean).map((u) => u!.name).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.eventCount')}>{c.eventCount}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.version')}>{c.version}</Descriptions.Item>
            </Descriptions>
          </Card>
          <CaseReports caseId={c.caseId} />
          <Card size="small" title={t('dispatch.case.sla')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="case-sla">
              <Descriptions.Item label={t('dispatch.case.acceptDue')}><Due at={c.acceptDueAt} done={c.acceptedAt} /></Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.acceptedAt')}>{formatTime(c.acceptedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.resolveDue')}><Due at={c.resolveDueAt} done={c.resolvedAt} /></Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.resolvedAt')}>{formatTime(c.resolvedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('dispatch.case.closedAt')}>{formatTime(c.closedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('dispatch.case.routing')}>
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="case-reasons">
              {c.routeReasons.map((r, i) => <li key={i}>{r}</li>)}
            </ul>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('dispatch.case.location')} style={{ marginBottom: 16 }} extra={point.length ? <NavigateLinks lat={point[0].lat} lon={point[0].lon} /> : null}>
            {point.length ? (
              <Suspense fallback={<Spin />}>
                <CaseMap points={point} fitPoints height={240} />
              </Suspense>
            ) : (
              <Typography.Text type="secondary">{t('dispatch.case.noPoint')}</Typography.Text>
            )}
          </Card>
          <Card size="small" title={t('dispatch.case.timeline')}>
            <CaseTimeline timeline={c.timeline} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

