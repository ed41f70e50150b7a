import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import type { RegionSummary } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { ApproximateBanner } from '../regions/approximate-banner';

const COUNTS = ['towns', 'villages', 'grids', 'departments', 'commandCentres'] as const;

/** Overview: which district this console runs and how big it is. */
export default function HomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const summary = useRequest((signal) => apiGet<RegionSummary>('/api/regions/summary', undefined, signal), []);
  const s = summary.data;

  return (
    <>
      <Typography.Title level={3} className="page-title" data-testid="district-name">
        {s ? s.district.name : t('home.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('home.welcome', { name: me?.displayName ?? '', scope: me?.scope.name ?? '' })}
        {s && ` · ${t('home.districtCode')} ${s.district.code}`}
      </Typography.Paragraph>
      <ErrorAlert error={summary.error} />
      {s?.approximateBoundaries && <ApproximateBanner />}
      {summary.loading && !s ? (
        <Skeleton active />
      ) : s ? (
        <Row gutter={[16, 16]}>
          {COUNTS.map((k) => (
            <Col key={k} xs={12} sm={12} md={8} xl={4} flex="auto">
              <Card data-testid={`count-${k}`}>
                <Statistic title={t(`home.counts.${k}`)} value={s.counts[k]} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
    </>
  );
}
