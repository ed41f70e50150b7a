import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import type { RegionDetail } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { formatTime } from '../../lib/format-time';
import { attachmentUrl } from '../attachments';

interface HubEvent {
  id: string;
  source: string;
  title: string;
  description: string | null;
  location: { address: string | null };
  evidence: { attachments: string[]; mediaUrl: string | null };
  occurredAt: string;
}

/** "天目山镇 / 一都村 / 一都村第2网格" for a region code; the code itself until the name is known. */
export function PlaceName({ code }: { code: string }) {
  const r = useRequest((s) => apiGet<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, undefined, s), [code]);
  if (!r.data) return <>{code}</>;
  return <>{[...r.data.path.filter((p) => p.level !== 'district').map((p) => p.name), r.data.name].join(' / ')}</>;
}

/**
 * The reports merged into the case, as the hub keeps them: what the reporter wrote and sent.
 * Descriptions are untrusted text and are rendered as text only.
 */
export function CaseReports({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const hub = useRequest((s) => apiGet<{ events: HubEvent[] }>(`/api/events/cases/${encodeURIComponent(caseId)}`, undefined, s), [caseId]);
  // Without event.read (or for a case the hub does not know) the card is simply left out.
  if (!hub.data?.events.length) return null;
  return (
    <Card size="small" title={t('dispatch.case.reports', { count: hub.data.events.length })} style={{ marginBottom: 16 }} data-testid="case-reports">
      {hub.data.events.map((e) => (
        <div key={e.id} style={{ borderBottom: '1px solid #f0f0f0', padding: '6px 0' }}>
          <Typography.Text strong>{e.title}</Typography.Text>
          <div style={{ color: '#595959', fontSize: 13 }}>{formatTime(e.occurredAt)} · {e.source}{e.location.address ? ` · ${e.location.address}` : ''}</div>
          {e.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }} data-testid="report-description">{e.description}</Typography.Paragraph>}
          {(e.evidence.attachments.length > 0 || e.evidence.mediaUrl) && (
            <Space wrap>
              {e.evidence.attachments.map((sha) => (
                <a key={sha} href={attachmentUrl(sha)} target="_blank" rel="noreferrer">
                  <img src={attachmentUrl(sha)} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }} alt={t('dispatch.photos.label')} />
                </a>
              ))}
              {e.evidence.mediaUrl && /^https?:\/\//.test(e.evidence.mediaUrl) && <a href={e.evidence.mediaUrl} target="_blank" rel="noreferrer">{t('dispatch.case.media')}</a>}
            </Space>
          )}
        </div>
      ))}
    </Card>
  );
}
