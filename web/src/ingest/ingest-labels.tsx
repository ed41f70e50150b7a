import { Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { BatchHold, BatchStatus, Level } from './ingest-types';

// Colour rises with sensitivity, so an L4 set stands out in a long catalog.
const LEVEL_COLOR: Record<Level, string> = { L1: 'green', L2: 'blue', L3: 'orange', L4: 'red' };
const STATUS_COLOR: Record<BatchStatus, string> = {
  running: 'processing', held: 'warning', published: 'success', discarded: 'default', failed: 'error',
};

export function LevelTag({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`ingestCodes.levels.${level}`)}>
      <Tag color={LEVEL_COLOR[level] ?? 'default'} data-testid="level-tag">{level}</Tag>
    </Tooltip>
  );
}

export function BatchStatusTag({ status }: { status: BatchStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{t(`ingestCodes.batchStatus.${status}`, { defaultValue: status })}</Tag>;
}

export function percent(score: number): string {
  return `${(score * 100).toFixed(1)}%`;
}

/**
 * A quality score as a percentage: green at or above the dataset's threshold, amber within ten
 * points below it (worth a look), red further down. The catalog does not carry each threshold,
 * so it falls back to the contract default of 0.9.
 */
export function qualityLevel(score: number, threshold = 0.9): 'success' | 'warning' | 'danger' {
  return score >= threshold ? 'success' : score >= threshold - 0.1 ? 'warning' : 'danger';
}

/** The same three levels as colours, for places that take a colour rather than a text type. */
export const QUALITY_COLOR = { success: '#389e0d', warning: '#d48806', danger: '#cf1322' } as const;

export function QualityText({ score, threshold = 0.9 }: { score: number | null | undefined; threshold?: number }) {
  if (score == null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Typography.Text type={qualityLevel(score, threshold)} strong>{percent(score)}</Typography.Text>;
}

/**
 * Reject reasons and flags are codes from the server; `rule:<name>` ones name a contract rule.
 * i18next reads ':' as a namespace separator, so rule codes are translated with a parameter.
 */
export function reasonLabel(t: TFunction, code: string): string {
  if (code.startsWith('rule:')) return t('ingestCodes.ruleReason', { name: code.slice(5) });
  return t(`ingestCodes.reasons.${code}`, { defaultValue: code });
}

export function flagLabel(t: TFunction, code: string): string {
  if (code.startsWith('rule:')) return t('ingestCodes.ruleReason', { name: code.slice(5) });
  return t(`ingestCodes.flags.${code}`, { defaultValue: code });
}

export function typeLabel(t: TFunction, type: string): string {
  return t(`ingestCodes.types.${type}`, { defaultValue: type });
}

/** Counts per code as small tags, largest first (reject reasons, flag kinds). */
export function CodeCounts({ counts, label, color }: { counts: Record<string, number> | null | undefined; label: (code: string) => string; color?: string }) {
  const entries = Object.entries(counts ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      {entries.map(([code, n]) => (
        <Tag key={code} color={color} style={{ marginBottom: 4 }} data-code={code}>
          {label(code)} · {n.toLocaleString()}
        </Tag>
      ))}
    </>
  );
}

/**
 * Why a batch was held, one line: quality under the threshold, or a snapshot deleting more than its
 * contract allows; either way, for a snapshot, how many current rows publishing it closes.
 */
export function holdText(t: TFunction, h: BatchHold): string {
  const would = wouldDeleteText(t, h);
  const why = h.cause === 'quality' ? [t('ingest.hold.quality'), would].filter(Boolean).join(t('ingest.hold.separator')) : t('ingest.hold.deletions', { max: percent(h.maxShare), would });
  return h.supersededBy ? `${why}${t('ingest.hold.separator')}${t('ingest.hold.supersededBy', { batch: h.supersededBy })}` : why;
}

/** How many current rows publishing a held snapshot closes as deleted; empty for an incremental batch. */
export function wouldDeleteText(t: TFunction, h: BatchHold): string {
  if (h.deleting === undefined || h.current === undefined) return '';
  return t('ingest.hold.wouldDelete', { deleting: h.deleting.toLocaleString(), current: h.current.toLocaleString(), share: percent(h.current ? h.deleting / h.current : 0) });
}
