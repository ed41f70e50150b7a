import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import type { Items, Org, Region } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useCategories } from '../dispatch-labels';
import { GENERIC_TARGETS } from './rule-target';

export interface Option { value: string; label: string }

/** Choices for the rule editor and labels for the rule table: categories, towns, target units. */
export function useRuleOptions() {
  const { t } = useTranslation();
  const { categories, label: categoryLabel } = useCategories();
  const towns = useRequest((s) => apiGet<Items<Region>>('/api/regions', undefined, s), []);
  const departments = useRequest((s) => apiGet<Items<Org>>('/api/orgs', { kind: 'department' }, s).catch(() => ({ items: [] as Org[] })), []);

  const townOptions: Option[] = (towns.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }));
  const deptOptions: Option[] = (departments.data?.items ?? []).map((o) => ({ value: `department:${o.code}`, label: o.name }));
  const targetOptions = [
    { label: t('dispatch.rules.targetGeneric'), options: GENERIC_TARGETS.map((k) => ({ value: k, label: t(`dispatch.target.${k}`) })) },
    { label: t('dispatch.rules.targetDepartments'), options: deptOptions },
  ];
  const regionName = (code: string) => towns.data?.items.find((r) => r.code === code)?.name ?? code;
  const targetLabel = (v: string) =>
    v.startsWith('department:') ? (deptOptions.find((o) => o.value === v)?.label ?? v.slice(11)) : t(`dispatch.target.${v}`, { defaultValue: v });
  const categoryOptions: Option[] = categories.map((c) => ({ value: c.code, label: categoryLabel(c.code) }));

  return { categoryOptions, townOptions, targetOptions, categoryLabel, regionName, targetLabel, error: towns.error };
}
