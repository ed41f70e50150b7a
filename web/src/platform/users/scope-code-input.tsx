import { Input, Select, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import type { Items, Org, Region, RegionSummary, ScopeKind } from '../../api/types';
import { useRequest } from '../../api/use-request';

interface Props {
  /** Set by Form.Item so the label points at the control. */
  id?: string;
  kind: ScopeKind | undefined;
  value?: string;
  onChange?: (code: string) => void;
}

/** Picks the code that goes with the chosen scope kind: the district, a town, a village or a department. */
export function ScopeCodeInput({ id, kind, value, onChange }: Props) {
  const { t } = useTranslation();
  const summary = useRequest((s) => (kind === 'district' ? apiGet<RegionSummary>('/api/regions/summary', undefined, s) : Promise.resolve(null)), [kind]);
  const towns = useRequest((s) => (kind === 'town' || kind === 'village' ? apiGet<Items<Region>>('/api/regions', undefined, s) : Promise.resolve(null)), [kind]);
  const depts = useRequest((s) => (kind === 'department' ? apiGet<Items<Org>>('/api/orgs', { kind: 'department' }, s) : Promise.resolve(null)), [kind]);

  const districtCode = summary.data?.district.code;
  useEffect(() => {
    // There is only one district, so choosing the kind is enough: fill its code in.
    if (kind === 'district' && districtCode && value !== districtCode) onChange?.(districtCode);
  }, [kind, districtCode, value, onChange]);

  if (!kind) return <Input id={id} disabled placeholder={t('users.form.scopeKindFirst')} />;
  if (kind === 'district') {
    const d = summary.data?.district;
    return <Input id={id} disabled value={d ? `${d.name} (${d.code})` : ''} />;
  }
  if (kind === 'town') {
    return (
      <Select id={id} showSearch={{ optionFilterProp: 'label' }} value={value} onChange={onChange} loading={towns.loading} placeholder={t('users.form.pickTown')}
        options={(towns.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))} />
    );
  }
  if (kind === 'department') {
    return (
      <Select id={id} showSearch={{ optionFilterProp: 'label' }} value={value} onChange={onChange} loading={depts.loading} placeholder={t('users.form.pickDepartment')}
        options={(depts.data?.items ?? []).map((o) => ({ value: o.code, label: o.name }))} />
    );
  }
  return <VillagePicker id={id} towns={towns.data?.items ?? []} value={value} onChange={onChange} />;
}

interface FlatNode { id: string; pId?: string; value: string; title: string; isLeaf: boolean; selectable: boolean }

/** Villages are 300+, so they are loaded per town when the town is opened. */
function VillagePicker({ id, towns, value, onChange }: { id?: string; towns: Region[]; value?: string; onChange?: (code: string) => void }) {
  const { t } = useTranslation();
  const [villages, setVillages] = useState<FlatNode[]>([]);
  const nodes: FlatNode[] = [
    ...towns.map((r) => ({ id: r.code, value: r.code, title: r.name, isLeaf: false, selectable: false })),
    ...villages,
  ];
  return (
    <TreeSelect
      id={id}
      treeDataSimpleMode
      value={value}
      onChange={onChange}
      placeholder={t('users.form.pickVillage')}
      treeData={nodes}
      loadData={async (node) => {
        const parent = String(node.value);
        if (villages.some((v) => v.pId === parent)) return;
        const r = await apiGet<Items<Region>>('/api/regions', { parent });
        setVillages((prev) => [...prev, ...r.items.map((v) => ({ id: v.code, pId: parent, value: v.code, title: v.name, isLeaf: true, selectable: true }))]);
      }}
    />
  );
}
