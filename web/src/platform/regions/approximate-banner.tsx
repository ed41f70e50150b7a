import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown wherever boundaries come from demo data, so nobody takes them for surveyed lines. */
export function ApproximateBanner() {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="approximate-banner"
      title={t('regions.approximateTitle')}
      description={t('regions.approximateBody')}
      style={{ marginBottom: 16, borderRadius: 6 }}
    />
  );
}
