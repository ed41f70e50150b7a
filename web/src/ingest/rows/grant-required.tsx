import { Button, Result } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/** The server's answer when an L3/L4 dataset needs an approved grant before rows can be read. */
export function isGrantRequired(e: unknown): boolean {
  return e instanceof ApiError && e.status === 403 && e.code === 'grant_required';
}

/** Explains why rows are hidden and leads to the request form instead of showing a bare 403. */
export function GrantRequired({ onRequest, compact }: { onRequest: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Result
      status={compact ? 'info' : 'warning'}
      icon={compact ? <KeyOutlined /> : undefined}
      title={t('ingest.grantRequired.title')}
      subTitle={t('ingest.grantRequired.body')}
      style={compact ? { padding: 16 } : undefined}
      data-testid="grant-required"
      extra={<Button type="primary" icon={<KeyOutlined />} onClick={onRequest} data-testid="request-access">{t('ingest.grantRequired.request')}</Button>}
    />
  );
}
