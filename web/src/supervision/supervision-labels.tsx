import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client';
import type { Items, Region } from '../api/types';
import { useRequest } from '../api/use-request';
import { useSession } from '../auth/session-context';
import type { Domain, ModelSummary, WarningSeverity, WarningStatus } from './supervision-types';

/** The article's three warning colours, shared by tags and charts. */
export const SEVERITY_COLOR: Record<WarningSeverity, string> = { red: '#f5222d', orange: '#fa8c16', yellow: '#fadb14' };
const SEVERITY_TAG: Record<WarningSeverity, string> = { red: 'red', orange: 'orange', yellow: 'gold' };
const STATUS_TAG: Record<WarningStatus, string> = { open: 'processing', dispatched: 'blue', confirmed: 'red', false_positive: 'default', cleared: 'success' };

export const warningPath = (id: number) => `/supervision/warnings/${id}`;
export const modelPath = (id: string) => `/supervision/models/${encodeURIComponent(id)}`;

export function SeverityTag({ severity }: { severity: WarningSeverity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_TAG[severity]} data-severity={severity}>{t(`supervision.severity.${severity}`)}</Tag>;
}

export function WarningStatusTag({ status }: { status: WarningStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_TAG[status]} data-status={status}>{t(`supervision.status.${status}`, { defaultValue: status })}</Tag>;
}

export function DomainTag({ domain }: { domain: Domain | string }) {
  const { t } = useTranslation();
  return <Tag>{t(`supervision.domain.${domain}`, { defaultValue: domain })}</Tag>;
}

/** A person's or enterprise's name with the 公职人员 mark that decides who may read the warning. */
export function OfficialTag() {
  const { t } = useTranslation();
  return <Tag color="purple" data-testid="official-tag">{t('supervision.official')}</Tag>;
}

// Models change rarely: one request per page load is shared by every list, filter and chart.
let modelsOnce: Promise<ModelSummary[]> | null = null;
function loadModels(): Promise<ModelSummary[]> {
  modelsOnce ??= apiGet<Items<ModelSummary>>('/api/supervision/models').then(
    (r) => r.items,
    (e: unknown) => {
      modelsOnce = null; // let a later page try again
      throw e;
    },
  );
  return modelsOnce;
}

/** Forgets the cached models after the editor published, enabled or disabled one. */
export function modelsChanged(): void {
  modelsOnce = null;
}

/** The models and their names in the UI language; the id itself while loading or without supervision.model.read. */
export function useModelNames(): { models: ModelSummary[]; name: (id: string) => string } {
  const { i18n } = useTranslation();
  const { can } = useSession();
  const allowed = can('supervision.model.read');
  const { data } = useRequest(() => (allowed ? loadModels().catch(() => [] as ModelSummary[]) : Promise.resolve([] as ModelSummary[])), [allowed]);
  const en = i18n.language === 'en';
  const name = (id: string) => {
    const m = data?.find((x) => x.id === id);
    return m ? (en ? m.nameEn : m.name) : id;
  };
  return { models: data ?? [], name };
}

/** The towns the user may see (GET /api/regions lists the district's towns, or the user's own). */
export function useTowns(): { towns: Region[]; name: (code: string | null) => string } {
  const { data } = useRequest((s) => apiGet<Items<Region>>('/api/regions', undefined, s).catch(() => ({ items: [] as Region[] })), []);
  const towns = data?.items ?? [];
  const name = (code: string | null) => (code ? towns.find((r) => r.code === code)?.name ?? code : '—');
  return { towns, name };
}

/** Yuan as 万元 with up to two decimals (the article's unit for money recovered). */
export function wan(yuan: number | null | undefined): string {
  if (yuan == null) return '—';
  return (yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

export function pct(v: number | null | undefined): string {
  return v == null ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** Any fact value, short enough for a table cell. */
export function plain(v: unknown): string {
  if (v == null || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
