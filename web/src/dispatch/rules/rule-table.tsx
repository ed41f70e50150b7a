import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiGet, apiPost } from '../../api/client';
import { ErrorAlert, errorText } from '../../api/error-alert';
import type { Items } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import type { Rule } from '../dispatch-types';
import { RuleFormModal } from './rule-form-modal';
import { targetValue } from './rule-target';
import { useRuleOptions } from './use-rule-options';


/** The routing rules in evaluation order (first match wins), with add, edit, delete and move. */
export function RuleTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const manage = can('dispatch.manage');
  const loaded = useRequest((s) => apiGet<Items<Rule>>('/api/dispatch/rules', undefined, s), []);
  const [rules, setRules] = useState<Rule[]>([]);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const options = useRuleOptions();
  useEffect(() => { if (loaded.data) setRules(loaded.data.items); }, [loaded.data]);

  const move = async (index: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    setBusy(true);
    try {
      setRules((await apiPost<Items<Rule>>('/api/dispatch/rules/order', { ids })).items);
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (r: Rule) => {
    try {
      await api(`/api/dispatch/rules/${r.id}`, { method: 'DELETE' });
      message.success(t('dispatch.rules.deleted'));
      loaded.reload();
    } catch (e) {
      message.error(errorText(e, t('error.unknown')));
    }
  };

  const any = <span style={{ color: '#8c8c8c' }}>{t('dispatch.rules.any')}</span>;
  return (
    <>
      <ErrorAlert error={loaded.error ?? options.error} />
      {manage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="rule-add">
          {t('dispatch.rules.add')}
        </Button>
      )}
      <Table<Rule>
        data-testid="rules-table"
        rowKey="id"
        size="small"
        loading={loaded.loading || busy}
        dataSource={rules}
        pagination={false}
        // Long department names wrap inside fixed columns instead of pushing the buttons off screen.
        tableLayout="fixed"
        scroll={{ x: 1000 }}
        columns={[
          { title: '#', key: 'n', width: 40, render: (_, __, i) => i + 1 },
          { title: t('dispatch.rules.name'), dataIndex: 'name', width: 240, render: (v: string, r) => <Space>{v}{!r.enabled && <Tag>{t('dispatch.rules.disabled')}</Tag>}</Space> },
          { title: t('dispatch.rules.categories'), key: 'cat', render: (_, r) => (r.match.categories.length ? r.match.categories.map(options.categoryLabel).join('、') : any) },
          { title: t('dispatch.rules.severities'), key: 'sev', width: 90, render: (_, r) => (r.match.severities.length ? r.match.severities.map((s) => t(`dispatch.severity.${s}`)).join('、') : any) },
          { title: t('dispatch.rules.regions'), key: 'reg', width: 90, render: (_, r) => (r.match.regions.length ? r.match.regions.map(options.regionName).join('、') : any) },
          { title: t('dispatch.rules.target'), key: 'target', render: (_, r) => <Tag color="blue" style={{ whiteSpace: 'normal' }}>{options.targetLabel(targetValue(r.target))}</Tag> },
          { title: t('dispatch.rules.alsoNotify'), key: 'also', render: (_, r) => r.alsoNotify.map((x) => options.targetLabel(targetValue(x))).join('、') || '—' },
          ...(manage
            ? [{
                title: t('common.actions'), key: 'ops', width: 130,
                render: (_: unknown, r: Rule, i: number) => (
                  <Space size={2}>
                    <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0 || busy} onClick={() => void move(i, -1)} aria-label={t('dispatch.rules.up')} data-testid={`rule-up-${r.id}`} />
                    <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === rules.length - 1 || busy} onClick={() => void move(i, 1)} aria-label={t('dispatch.rules.down')} data-testid={`rule-down-${r.id}`} />
                    <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('common.edit')} data-testid={`rule-edit-${r.id}`} />
                    <Popconfirm title={t('dispatch.rules.confirmDelete')} onConfirm={() => void remove(r)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('dispatch.rules.delete')} data-testid={`rule-delete-${r.id}`} />
                    </Popconfirm>
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <RuleFormModal
        open={editing !== null}
        rule={editing === 'new' || editing === null ? undefined : editing}
        options={options}
        onClose={(saved) => {
          setEditing(null);
          if (saved) {
            message.success(t('dispatch.rules.saved'));
            loaded.reload();
          }
        }}
      />
    </>
  );
}
