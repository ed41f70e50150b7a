import { Card, Col, Descriptions, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldLabel, plain, SourceTag } from '../identity-labels';
import type { Facet, SourceRef } from '../identity-types';

const isSource = (v: unknown): v is Omit<SourceRef, 'line'> => !!v && typeof v === 'object' && 'dataset' in v && 'batch' in v;

/** What other modules know about the person (subsidies, health, insurance): one card per facet. */
export function FacetsTab({ facets }: { facets: Facet[] }) {
  const { t } = useTranslation();
  if (!facets.length) return <Empty description={t('identity.facets.empty')} />;
  return (
    <Row gutter={[16, 16]} data-testid="facets">
      {facets.map((f) => (
        <Col key={f.key} xs={24} lg={12}>
          <Card size="small" title={t(f.label, { defaultValue: f.key })} data-testid={`facet-${f.key}`}>
            {f.items.map((item, i) => (
              <Descriptions
                key={i}
                size="small"
                column={1}
                style={{ marginBottom: i < f.items.length - 1 ? 12 : 0 }}
                items={Object.entries(item).map(([k, v]) => ({
                  key: k,
                  label: fieldLabel(t, k),
                  children: isSource(v) ? <SourceTag source={v} /> : plain(v),
                }))}
              />
            ))}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
