import { Card, Empty, Skeleton, Spin, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import type { Items, Region, RegionDetail } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { ApproximateBanner } from './approximate-banner';
import { RegionDetails } from './region-details';
import { RegionTree } from './region-tree';

// MapLibre is the heaviest library in the console; load it only here and after the tree.
const RegionMap = lazy(() => import('./region-map'));

/** Region browser: the division tree beside a map of the boundaries. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState<string>();
  const towns = useRequest((s) => apiGet<Items<Region>>('/api/regions', undefined, s), []);
  const detail = useRequest(
    (s) => (code ? apiGet<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, undefined, s) : Promise.resolve(null)),
    [code],
  );
  const approximate = !!towns.data?.items.some((r) => r.approximate) || !!detail.data?.approximate;

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('regions.title')}</Typography.Title>
      {approximate && <ApproximateBanner />}
      <ErrorAlert error={towns.error ?? detail.error} />
      <div className="region-layout">
        <Card className="region-tree-pane" size="small" title={t('regions.tree')} styles={{ body: { maxHeight: 640, overflow: 'auto' } }}>
          {towns.data ? (
            <RegionTree towns={towns.data.items} selected={code} onSelect={setCode} />
          ) : (
            <Skeleton active />
          )}
        </Card>
        <div className="region-map-pane">
          <Suspense fallback={<div className="region-map"><Spin style={{ margin: 'auto', display: 'block', paddingTop: 200 }} /></div>}>
            <RegionMap selected={detail.data ?? null} onSelect={setCode} />
          </Suspense>
          <Card size="small" title={t('regions.details')}>
            {detail.data ? (
              <RegionDetails region={detail.data} onSelect={setCode} />
            ) : detail.loading && code ? (
              <Skeleton active />
            ) : (
              <Empty description={t('regions.pickOne')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
