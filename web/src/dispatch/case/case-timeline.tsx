import { Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format-time';
import { attachmentUrl } from '../attachments';
import type { Transition } from '../dispatch-types';

const COLOR: Record<string, string> = { report: 'gray', dispatch: 'blue', accept: 'blue', start: 'blue', resolve: 'green', verify: 'green', close: 'green', return: 'red', escalate: 'red', reopen: 'red' };

/** `system:routing` and `system:sla` read as words; a person's user name stays as it is. */
function useActor(): (actor: string) => string {
  const { t } = useTranslation();
  return (actor) => {
    if (!actor.startsWith('system:')) return actor;
    const what = actor.slice(7);
    return t(`dispatch.timeline.system.${what}`, { defaultValue: t('dispatch.timeline.system.source', { source: what }) });
  };
}

/** Every transition of the case, oldest first: who, when, what changed, the note and the photos. */
export function CaseTimeline({ timeline }: { timeline: Transition[] }) {
  const { t } = useTranslation();
  const actor = useActor();
  return (
    <Timeline
      data-testid="case-timeline"
      items={timeline.map((tr) => {
        const reasons = Array.isArray(tr.detail.reasons) ? (tr.detail.reasons as unknown[]).map(String) : [];
        return {
          key: tr.id,
          color: COLOR[tr.action] ?? 'gray',
          content: (
            <div data-testid="timeline-item" data-action={tr.action}>
              <Space wrap size={8}>
                <Typography.Text strong>{t(`dispatch.action.${tr.action}`, { defaultValue: tr.action })}</Typography.Text>
                {tr.fromStatus && tr.fromStatus !== tr.toStatus && (
                  <Typography.Text type="secondary">
                    {t(`dispatch.status.${tr.fromStatus}`, { defaultValue: tr.fromStatus })} → {t(`dispatch.status.${tr.toStatus}`, { defaultValue: tr.toStatus })}
                  </Typography.Text>
                )}
              </Space>
              <div style={{ color: '#595959', fontSize: 13 }}>{formatTime(tr.at)} · {actor(tr.actor)}</div>
              {tr.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }} data-testid="timeline-note">{tr.note}</Typography.Paragraph>}
              {reasons.length > 0 && (
                <ul style={{ margin: '4px 0', paddingInlineStart: 18, color: '#595959', fontSize: 13 }}>
                  {reasons.map((r, i) => <li key={i}>{r}</li>)}
                </ul>
              )}
              {tr.attachments.length > 0 && (
                <Space wrap style={{ marginTop: 4 }}>
                  {tr.attachments.map((sha) => (
                    <a key={sha} href={attachmentUrl(sha)} target="_blank" rel="noreferrer" data-testid="timeline-photo">
                      <img src={attachmentUrl(sha)} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }} alt={t('dispatch.photos.label')} />
                    </a>
                  ))}
                </Space>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
