import { Badge, Card, Space, Spin, Statistic, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import type { MapPoint } from '../case-map';
import { OPEN_STATUSES, type CaseDetail, type CaseList, type CaseView, type FeedItem } from '../dispatch-types';
import { useCaseStream, type StreamState } from '../use-case-stream';
import { WallTable } from './wall-table';
import '../dispatch.css';

const CaseMap = lazy(() => import('../case-map'));
const FRESH_MS = 8000;
const STREAM_BADGE: Record<StreamState, 'success' | 'processing' | 'warning'> = { live: 'success', connecting: 'processing', retrying: 'warning' };

/** Newest first, the order the list API uses. */
const byOpened = (a: CaseView, b: CaseView) => Date.parse(b.openedAt) - Date.parse(a.openedAt);

/** The command centre's live wall: open cases of the user's scope as a table and on the map. */
export default function WallPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const loaded = useRequest((s) => apiGet<CaseList>('/api/dispatch/cases', { status: OPEN_STATUSES.join(','), pageSize: 500 }, s), []);
  const [cases, setCases] = useState<CaseView[]>([]);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [now, setNow] = useState(Date.now());
  const known = useRef(new Set<string>());

  useEffect(() => {
    if (!loaded.data) return;
    known.current = new Set(loaded.data.items.map((c) => c.caseId));
    setCases(loaded.data.items);
  }, [loaded.data]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  // A feed item names the case only; its current state is read once per burst of items about it.
  const inFlight = useRef(new Set<string>());
  const onItem = useCallback((item: FeedItem) => {
    const id = item.caseId;
    if (inFlight.current.has(id)) return;
    inFlight.current.add(id);
    apiGet<CaseDetail>(`/api/dispatch/cases/${encodeURIComponent(id)}`)
      .then((c) => {
        const isNew = !known.current.has(id);
        known.current.add(id);
        setCases((prev) => {
          const rest = prev.filter((x) => x.caseId !== id);
          return c.status === 'closed' ? rest : [...rest, c].sort(byOpened);
        });
        setNow(Date.now());
        if (isNew) {
          setFresh((s) => new Set(s).add(id));
          setTimeout(() => setFresh((s) => { const n = new Set(s); n.delete(id); return n; }), FRESH_MS);
        }
      })
      .catch((e: unknown) => console.warn('case update not loaded', e))
      .finally(() => inFlight.current.delete(id));
  }, []);
  const stream = useCaseStream(onItem);

  const points = useMemo<MapPoint[]>(
    () => cases.flatMap((c) => (c.location.lon != null && c.location.lat != null
      ? [{ caseId: c.caseId, lon: c.location.lon, lat: c.location.lat, severity: c.severity, title: c.title, fresh: fresh.has(c.caseId) }]
      : [])),
    [cases, fresh],
  );
  const overdue = cases.filter((c) => c.overdue).length;
  const critical = cases.filter((c) => c.severity === 'critical').length;

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="baseline" wrap>
        <Typography.Title level={3} className="page-title">{t('dispatch.wall.title')}</Typography.Title>
        <Badge status={STREAM_BADGE[stream]} text={t(`dispatch.stream.${stream}`)} data-testid="case-stream-state" />
      </Space>
      <ErrorAlert error={loaded.error} />
      <Space size={32} style={{ marginBottom: 12 }} wrap>
        <Statistic title={t('dispatch.wall.open')} value={cases.length} data-testid="wall-open-count" />
        <Statistic title={t('dispatch.wall.critical')} value={critical} styles={{ content: { color: critical ? '#f5222d' : undefined } }} />
        <Statistic title={t('dispatch.wall.overdue')} value={overdue} styles={{ content: { color: overdue ? '#f5222d' : undefined } }} />
      </Space>
      <div className="dispatch-wall">
        <Card size="small" className="dispatch-wall-list">
          <WallTable cases={cases} fresh={fresh} now={now} loading={loaded.loading && cases.length === 0} />
        </Card>
        <div className="dispatch-wall-map">
          <Suspense fallback={<Spin />}>
            <CaseMap points={points} height={560} onSelect={(id) => navigate(`/dispatch/cases/${encodeURIComponent(id)}`)} />
          </Suspense>
        </div>
      </div>
    </>
  );
}
