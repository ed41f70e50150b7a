import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiPost } from '../../api/client';
import { errorText } from '../../api/error-alert';
import { useSession } from '../../auth/session-context';
import { StatusTag, useUnitNames } from '../../dispatch/dispatch-labels';
import type { CaseStatus } from '../../dispatch/dispatch-types';
import type { WarningDetail } from '../supervision-types';

/**
 * 派发: the dispatch case a warning became (red ones are sent as they are raised), or the button
 * that sends an open one. Handlers open the warning itself to read the facts.
 */
export function CaseCard({ warning, onDone }: { warning: WarningDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const unitName = useUnitNames();
  const [busy, setBusy] = useState(false);
  const c = warning.case;

  const dispatch = async () => {
    setBusy(true);
    try {
      await apiPost(`/api/supervision/warnings/${warning.id}/dispatch`);
      message.success(t('supervision.case.dispatched'));
      onDone();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
      onDone(); // someone may have dispatched it meanwhile (409): show what is there now
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('supervision.case.title')} style={{ marginBottom: 16 }} data-testid="case-card">
      {c ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('supervision.case.id')}>
            {can('dispatch.read') ? <Link to={`/dispatch/cases/${encodeURIComponent(c.id)}`} data-testid="case-link">{c.id}</Link> : <Typography.Text code>{c.id}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('supervision.case.status')}>
            {c.status ? <StatusTag status={c.status as CaseStatus} /> : <Typography.Text type="secondary">{t('supervision.case.opening')}</Typography.Text>}
          </Descriptions.Item>
          {c.unitCode && <Descriptions.Item label={t('supervision.case.unit')}>{unitName(c.unitCode)}</Descriptions.Item>}
        </Descriptions>
      ) : warning.status === 'open' && can('supervision.dispatch') ? (
        <>
          <Typography.Paragraph type="secondary">{t('supervision.case.openHint')}</Typography.Paragraph>
          <Popconfirm title={t('supervision.case.confirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={dispatch}>
            <Button type="primary" icon={<SendOutlined />} loading={busy} data-testid="dispatch-warning">{t('supervision.case.dispatch')}</Button>
          </Popconfirm>
        </>
      ) : (
        <Typography.Text type="secondary">{t('supervision.case.none')}</Typography.Text>
      )}
    </Card>
  );
}
