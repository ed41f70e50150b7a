import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** Opens the location in the phone's map app (geo: URI) or in AMap, the map most used in China. */
export function NavigateLinks({ lat, lon, large }: { lat: number; lon: number; large?: boolean }) {
  const { t } = useTranslation();
  const size = large ? 'large' : 'small';
  return (
    <Space wrap>
      <Button size={size} icon={<EnvironmentOutlined />} href={`geo:${lat},${lon}`} data-testid="nav-geo">{t('dispatch.navigate.geo')}</Button>
      <Button size={size} href={`https://uri.amap.com/marker?position=${lon},${lat}`} target="_blank" rel="noreferrer" data-testid="nav-amap">{t('dispatch.navigate.amap')}</Button>
    </Space>
  );
}
