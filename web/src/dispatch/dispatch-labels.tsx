import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client';
import type { Items, Org, Region } from '../api/types';
import { useRequest } from '../api/use-request';
import type { CaseStatus, Category, Severity } from './dispatch-types';

/** Severity colours shared by tags, map points and charts, so red means critical everywhere. */
export const SEVERITY_COLOR: Record<Severity, string> = { low: '#1677ff', medium: '#d4b106', high: '#fa8c16', critical: '#f5222d' };
const SEVERITY_TAG: Record<Severity, string> = { low: 'blue', medium: 'gold', high: 'orange', critical: 'red' };
const STATUS_TAG: Record<CaseStatus, string> = {
  reported: 'default', dispatched: 'processing', accepted: 'cyan', in_progress: 'blue', resolved: 'purple', verified: 'geekblue', closed: 'success', returned: 'warning',
};

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_TAG[severity]} data-severity={severity}>{t(`dispatch.severity.${severity}`)}</Tag>;
}

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_TAG[status]} data-status={status}>{t(`dispatch.status.${status}`, { defaultValue: status })}</Tag>;
}

// The taxonomy changes rarely: one request per page load is shared by every component that labels categories.
let categoriesOnce: Promise<Category[]> | null = null;
function loadCategories(): Promise<Category[]> {
  categoriesOnce ??= apiGet<Items<Category>>('/api/events/categories', { all: 'true' }).then(
    (r) => r.items,
    (e: unknown) => {
      categoriesOnce = null; // let a later page try again
      throw e;
    },
  );
  return categoriesOnce;
}

/** Forgets the cached taxonomy after the categories page changed it. */
export function categoriesChanged(): void {
  categoriesOnce = null;
}

/** Category list and a label function in the UI language (the code itself while loading or unknown). */
export function useCategories(): { categories: Category[]; label: (code: string) => string } {
  const { i18n } = useTranslation();
  const { data } = useRequest(() => loadCategories(), []);
  const en = i18n.language === 'en';
  const label = (code: string) => {
    const c = data?.find((x) => x.code === code);
    return c ? (en ? c.labelEn : c.labelZh) : code;
  };
  return { categories: data ?? [], label };
}

/** Names of towns, command centres and departments by code, for statistics keyed by code. */
export function useUnitNames(): (code: string) => string {
  const towns = useRequest((s) => apiGet<Items<Region>>('/api/regions', undefined, s).catch(() => ({ items: [] as Region[] })), []);
  const orgs = useRequest((s) => apiGet<Items<Org>>('/api/orgs', undefined, s).catch(() => ({ items: [] as Org[] })), []);
  const names = new Map<string, string>();
  for (const r of towns.data?.items ?? []) names.set(r.code, r.name);
  for (const o of orgs.data?.items ?? []) names.set(o.code, o.name);
  return (code: string) => names.get(code) ?? code;
}

/** "12 分钟" / "3 小时" / "2 天": how long a case has been open, at a glance. */
export function useAge(): (iso: string, now: number) => string {
  const { t } = useTranslation();
  return (iso, now) => {
    const min = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
    if (min < 60) return t('dispatch.age.minutes', { count: min });
    if (min < 48 * 60) return t('dispatch.age.hours', { count: Math.floor(min / 60) });
    return t('dispatch.age.days', { count: Math.floor(min / 1440) });
  };
}

/** Minutes as "45 分钟", "3 小时", "2 天" for SLA limits and median times. */
export function useDuration(): (minutes: number | null) => string {
  const { t } = useTranslation();
  return (m) => {
    if (m == null) return '—';
    if (m < 120) return t('dispatch.age.minutes', { count: Math.round(m) });
    if (m < 48 * 60) return t('dispatch.age.hours', { count: Math.round((m / 60) * 10) / 10 });
    return t('dispatch.age.days', { count: Math.round((m / 1440) * 10) / 10 });
  };
}
