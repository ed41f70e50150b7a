import { Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiGet } from '../api/client';
import { useSession } from '../auth/session-context';
import type { SourceRef } from './identity-types';

export const personPath = (id: string, tab?: string) => `/persons/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;
export const enterprisePath = (id: string) => `/enterprises/${encodeURIComponent(id)}`;

export function pct(p: number, digits = 1): string {
  return `${(p * 100).toFixed(digits)}%`;
}

/** Field and context keys (golden fields, record context, facet items); unknown ones show as sent. */
export function fieldLabel(t: TFunction, key: string): string {
  return t(`identityCodes.fields.${key}`, { defaultValue: key });
}

export function roleLabel(t: TFunction, role: string): string {
  return t(`identityCodes.roles.${role}`, { defaultValue: role });
}

/** Comparison levels are model labels such as `jaro_winkler_0.92`; a dot would split the i18n key. */
export function levelLabel(t: TFunction, level: string): string {
  return t(`identityCodes.levels.${level.replace(/\./g, '_')}`, { defaultValue: level });
}

// The marriage library states statuses in Chinese (as the registries record them).
const MARITAL: Record<string, string> = { 未婚: 'single', 已婚: 'married', 初婚: 'married', 再婚: 'married', 复婚: 'married', 离婚: 'divorced', 丧偶: 'widowed' };
export function maritalLabel(t: TFunction, value: string | null): string {
  if (!value) return '—';
  const code = MARITAL[value];
  return code ? t(`identityCodes.marital.${code}`) : value;
}

// The server explains a status in fixed English phrases; each has a translation.
const BASES: Record<string, string> = {
  'marriage records only': 'recordsOnly',
  'records and registry agree': 'agree',
  'registry: spouse deceased (deaths are not in marriage files)': 'spouseDeceased',
  'registry only (no marriage record on file)': 'registryOnly',
  'marriage records outrank a stale registry entry': 'recordsOutrank',
};
export function basisLabel(t: TFunction, basis: string): string {
  const code = BASES[basis];
  return code ? t(`identityCodes.bases.${code}`) : basis;
}

/** The server writes details as "中文 (English)": show the half in the reader's language. */
export function bilingual(text: string, lang: string): string {
  const m = /^(.*\S)\s*\(([^()]*)\)\s*$/.exec(text);
  if (!m) return text;
  return lang.startsWith('zh') ? m[1] : m[2];
}

export function sexLabel(t: TFunction, sex: string | null): string {
  return sex ? t(`identityCodes.sex.${sex}`, { defaultValue: sex }) : '—';
}

/** Any JSON value from a record's context, short enough for a table cell. */
export function plain(v: unknown): string {
  if (v == null || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Where a fact came from: dataset, batch and line, the way ingest names a source row. */
export function SourceTag({ source }: { source: Omit<SourceRef, 'line'> & { line?: number } }) {
  const { t } = useTranslation();
  // Facet items cite a stored row without its file line; those are named by batch alone.
  const { line } = source;
  return (
    <Tooltip title={line == null ? t('identity.sourceBatch', { ...source }) : t('identity.sourceRef', { ...source })}>
      <Tag style={{ marginBottom: 4 }} data-testid="source-tag">
        {source.dataset} #{source.batch}{line == null ? '' : `:${line}`}
      </Tag>
    </Tooltip>
  );
}

export function PersonLink({ id, name }: { id: string | null; name: string | null }) {
  if (!id) return <span>{name ?? '—'}</span>;
  return <Link to={personPath(id)} data-testid={`person-link-${id}`}>{name ?? id}</Link>;
}

// Village names never change while the console is open, so each code is asked for once.
const villageNames = new Map<string, Promise<string | null>>();

/** A village code with its name when the user may read regions; the bare code otherwise. */
export function VillageName({ code }: { code: string | null }) {
  const { can } = useSession();
  const allowed = can('region.read');
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    setName(null); // a reused cell must not show the previous code's name
    if (!code || !allowed) return;
    let live = true;
    if (!villageNames.has(code)) {
      villageNames.set(code, apiGet<{ name: string }>(`/api/regions/${encodeURIComponent(code)}`).then((r) => r.name, () => null));
    }
    void villageNames.get(code)!.then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [code, allowed]);
  if (!code) return <Typography.Text type="secondary">—</Typography.Text>;
  return name ? <Tooltip title={code}><span data-testid="village-name">{name}</span></Tooltip> : <span>{code}</span>;
}
