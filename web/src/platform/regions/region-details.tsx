import { Breadcrumb, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegionDetail } from '../../api/types';

/** Facts about the selected division, with its ancestors as a clickable path. */
export function RegionDetails({ region, onSelect }: { region: RegionDetail; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="region-details">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[...region.path, { code: region.code, name: region.name, level: region.level }].map((p, i, all) => ({
          key: p.code,
          title: i < all.length - 1 ? <a onClick={() => onSelect(p.code)}>{p.name}</a> : p.name,
        }))}
      />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('regions.name')}>{region.name}</Descriptions.Item>
        <Descriptions.Item label={t('regions.code')}>{region.code}</Descriptions.Item>
        <Descriptions.Item label={t('regions.level')}>{t(`regions.levels.${region.level}`)}</Descriptions.Item>
        <Descriptions.Item label={t('regions.kind')}>{t(`regions.kinds.${region.kind}`, { defaultValue: region.kind })}</Descriptions.Item>
        <Descriptions.Item label={t('regions.children')}>{region.childCount}</Descriptions.Item>
        <Descriptions.Item label={t('regions.centroid')}>
          {region.centroid ? `${region.centroid[0].toFixed(4)}, ${region.centroid[1].toFixed(4)}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('regions.boundary')}>
          {!region.geometry ? (
            <Tag>{t('regions.noBoundary')}</Tag>
          ) : region.approximate ? (
            <Tag color="orange">{t('regions.approximate')}</Tag>
          ) : (
            <Tag color="green">{t('regions.surveyed')}</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
