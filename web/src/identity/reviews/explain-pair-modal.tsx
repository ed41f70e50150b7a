import { Modal, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import type { Explanation, ReviewRecord } from '../identity-types';
import { PairCompare } from './pair-compare';

const WaterfallChart = lazy(() => import('./waterfall-chart'));

/** Two records of a file weighed against each other under the latest model (why they were linked). */
export function ExplainPairModal({ pair, onClose }: { pair: [ReviewRecord, ReviewRecord] | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={!!pair} title={t('identity.explain.title')} footer={null} onCancel={onClose} width={880} destroyOnHidden>
      {pair && <Body a={pair[0]} b={pair[1]} />}
    </Modal>
  );
}

function Body({ a, b }: { a: ReviewRecord; b: ReviewRecord }) {
  const { t } = useTranslation();
  const req = useRequest((s) => apiGet<Explanation & { run: number }>('/api/identity/pairs/explain', { a: a.id, b: b.id }, s), [a.id, b.id]);
  if (req.error) return <ErrorAlert error={req.error} />;
  if (!req.data) return <Skeleton active />;
  return (
    <div data-testid="explain-pair">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('identity.explain.model', { run: req.data.run })}</Typography.Paragraph>
      <PairCompare a={a} b={b} fields={req.data.fields} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('identity.reviews.waterfall')}</Typography.Title>
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>
        <WaterfallChart explanation={req.data} />
      </Suspense>
    </div>
  );
}
