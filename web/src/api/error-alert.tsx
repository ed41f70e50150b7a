import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client';

/** Text to show for a failed call: the server's own message when it sent one. */
export function errorText(err: unknown, fallback: string): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return fallback;
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const denied = error instanceof ApiError && error.status === 403;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={denied ? t('error.forbidden') : t('error.loadFailed')}
      description={errorText(error, t('error.unknown'))}
    />
  );
}
