import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { useRequest } from '../../api/use-request';
import type { UnitKind, UnitRef } from '../dispatch-types';

interface OrgRow { code: string; name: string; kind: string }

/** A unit as one select value, `department:D330112019`. */
const valueOf = (u: UnitRef) => `${u.kind}:${u.code}`;
const unitOf = (v: string): UnitRef => {
  const i = v.indexOf(':');
  return { kind: v.slice(0, i) as UnitKind, code: v.slice(i + 1) };
};

/** The centres and departments a dispatcher can send a case to by hand; empty lets the rules decide. */
export function UnitSelect({ value, onChange }: { value?: UnitRef; onChange: (u: UnitRef | undefined) => void }) {
  const { t } = useTranslation();
  const orgs = useRequest((s) => apiGet<{ items: OrgRow[] }>('/api/orgs', undefined, s), []);
  const options = (orgs.data?.items ?? [])
    .filter((o) => ['department', 'command_centre', 'district_centre'].includes(o.kind))
    .map((o) => ({ value: valueOf({ kind: o.kind as UnitKind, code: o.code }), label: o.name }));
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={orgs.loading}
      value={value ? valueOf(value) : undefined}
      onChange={(v?: string) => onChange(v ? unitOf(v) : undefined)}
      options={options}
      placeholder={t('dispatch.actions.byRules')}
      data-testid="dispatch-unit"
    />
  );
}
