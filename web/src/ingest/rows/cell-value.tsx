import { Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { flagLabel } from '../ingest-labels';

/** Standardised values as text: a geo point is [lon, lat], numbers keep their digits. */
export function valueText(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A value as stored, with its flags (kept but worth a second look) as a warning mark. */
export function CellValue({ value, flags }: { value: unknown; flags?: string[] }) {
  const { t } = useTranslation();
  const text = valueText(value);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {text === null ? <Typography.Text type="secondary">—</Typography.Text> : <span>{text}</span>}
      {flags?.length ? (
        <Tooltip title={flags.map((f) => flagLabel(t, f)).join('；')}>
          <WarningOutlined style={{ color: '#d48806', marginLeft: 4 }} data-flags={flags.join(',')} aria-label={t('ingest.rows.flagged')} />
        </Tooltip>
      ) : null}
    </span>
  );
}
