import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format-time';
import { PersonLink } from '../identity-labels';
import type { FileChange } from '../identity-types';

const KIND_COLOR: Record<FileChange['kind'], string> = { created: 'green', merged: 'blue', split: 'orange', moved: 'purple' };

/** Merges, splits and moves of this file, newest first, each with the reason the run or reviewer gave. */
export function ChangesTab({ changes, self }: { changes: FileChange[]; self: string }) {
  const { t } = useTranslation();
  return (
    <Table<FileChange>
      data-testid="changes-table"
      rowKey="id"
      size="small"
      dataSource={changes}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('identity.changes.empty') }}
      columns={[
        { title: t('identity.changes.at'), dataIndex: 'at', render: formatTime },
        { title: t('identity.changes.kind'), dataIndex: 'kind', render: (k: FileChange['kind']) => <Tag color={KIND_COLOR[k]}>{t(`identityCodes.changeKinds.${k}`, { defaultValue: k })}</Tag> },
        {
          title: t('identity.changes.other'), key: 'other',
          render: (_, c) => {
            const other = c.entity === self ? c.other : c.entity;
            return other ? <PersonLink id={other} name={other} /> : '—';
          },
        },
        { title: t('identity.changes.records'), dataIndex: 'records', render: (r: number[]) => <Typography.Text style={{ fontSize: 12 }}>{r.map((id) => `#${id}`).join(' ')}</Typography.Text> },
        { title: t('identity.changes.reason'), dataIndex: 'reason', render: (v: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text> },
      ]}
    />
  );
}
