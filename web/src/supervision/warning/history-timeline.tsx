import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format-time';
import type { WarningLogEntry } from '../supervision-types';

const COLOR: Record<string, string> = { raised: 'red', reraised: 'red', updated: 'blue', cleared: 'green', dispatched: 'blue', verified: 'green', viewed: 'gray' };

/** The detail the server logs with each step, as short words ("结果：属实 · 整改"). */
function useDetail(): (e: WarningLogEntry) => string {
  const { t } = useTranslation();
  return (e) => {
    const d = e.detail ?? {};
    const parts: string[] = [];
    if (typeof d.version === 'number') parts.push(t('supervision.history.version', { version: d.version }));
    if (typeof d.previous === 'string') parts.push(t('supervision.history.previous', { status: t(`supervision.status.${d.previous}`, { defaultValue: d.previous }) }));
    if (typeof d.previousSeverity === 'string' && typeof d.severity === 'string') {
      parts.push(`${t(`supervision.severity.${d.previousSeverity}`)} → ${t(`supervision.severity.${d.severity}`)}`);
    }
    if (typeof d.outcome === 'string') parts.push(t(`supervision.status.${d.outcome}`, { defaultValue: d.outcome }));
    if (typeof d.action === 'string') parts.push(t(`supervision.action.${d.action}`, { defaultValue: d.action }));
    if (typeof d.recoveredYuan === 'number') parts.push(t('supervision.history.recovered', { yuan: d.recoveredYuan.toLocaleString('zh-CN') }));
    if (d.ruleImprovement === true) parts.push(t('supervision.history.ruleImprovement'));
    if (typeof d.case === 'string') parts.push(t('supervision.history.case', { id: d.case }));
    if (d.reason === 'no longer matched') parts.push(t('supervision.history.noLongerMatched'));
    return parts.join(' · ');
  };
}

/** Everything that happened to the warning, oldest first: raised by which run, dispatched, verified, cleared. */
export function HistoryTimeline({ log }: { log: WarningLogEntry[] }) {
  const { t } = useTranslation();
  const detail = useDetail();
  return (
    <Timeline
      data-testid="warning-history"
      items={log.map((e, i) => ({
        key: i,
        color: COLOR[e.kind] ?? 'gray',
        content: (
          <div data-kind={e.kind}>
            <Typography.Text strong>{t(`supervision.history.kind.${e.kind}`, { defaultValue: e.kind })}</Typography.Text>
            {detail(e) && <Typography.Text type="secondary"> · {detail(e)}</Typography.Text>}
            <div style={{ color: '#595959', fontSize: 13 }}>
              {formatTime(e.at)} · {e.actor === 'supervision' ? t('supervision.history.system') : e.actor}
              {e.run != null && ` · ${t('supervision.history.run', { run: e.run })}`}
            </div>
          </div>
        ),
      }))}
    />
  );
}
