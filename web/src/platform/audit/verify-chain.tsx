import { Alert, Button } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client';
import { errorText } from '../../api/error-alert';
import type { VerifyResult } from '../../api/types';

/** Re-checks the hash chain on the server and says whether the log is intact, or where it breaks. */
export function VerifyChain() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult>();
  const [error, setError] = useState<string>();

  const verify = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await apiPost<VerifyResult>('/api/audit/verify'));
    } catch (e) {
      setError(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={verify} data-testid="verify-chain">
        {t('audit.verify')}
      </Button>
      {(result || error) && (
        <Alert
          data-testid="verify-result"
          style={{ marginTop: 12 }}
          showIcon
          closable={{ onClose: () => { setResult(undefined); setError(undefined); } }}
          type={error ? 'error' : result?.ok ? 'success' : 'error'}
          title={
            error ??
            (result?.ok
              ? t('audit.verifyOk', { count: result.checked })
              : t('audit.verifyBad', {
                  id: result?.firstBad?.id ?? '?',
                  problem: t(`audit.problems.${result?.firstBad?.problem ?? 'changed'}`),
                  count: result?.checked ?? 0,
                }))
          }
        />
      )}
    </>
  );
}
