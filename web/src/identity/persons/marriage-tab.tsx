import { Alert, Card, Descriptions, Empty, Progress, Skeleton, Space, Tag, Timeline, Typography, type TimelineItemProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { basisLabel, bilingual, maritalLabel, PersonLink, pct, SourceTag } from '../identity-labels';
import type { Marriage, MarriageTimeline, SourceRef } from '../identity-types';

function Sources({ sources }: { sources: SourceRef[] }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 4 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 4 }}>{t('identity.marriage.sources')}</Typography.Text>
      {sources.map((s) => <SourceTag key={`${s.dataset}:${s.row}`} source={s} />)}
    </div>
  );
}

/** Marrying and its end as separate points in time, so a later marriage reads after the divorce. */
function itemsOf(m: Marriage, t: ReturnType<typeof useTranslation>['t']): TimelineItemProps[] {
  const partner = <PersonLink id={m.partnerEntity} name={m.partnerName ?? t('identity.marriage.unknownPartner')} />;
  const items: TimelineItemProps[] = [];
  if (m.marriedOn || !m.endedOn) {
    items.push({
      key: `${m.marriedOn}-m`,
      color: 'green',
      title: m.marriedOn ?? t('identity.marriage.unknownDate'),
      content: (
        <div data-testid="marriage-event">
          <Typography.Text strong>{t('identity.marriage.marriedLabel')}</Typography.Text> · {t('identity.marriage.spouse')} {partner}
          {m.place && <div><Typography.Text type="secondary">{t('identity.marriage.at', { place: m.place })}</Typography.Text></div>}
          {m.priorStatus && <div><Typography.Text type="secondary">{t('identity.marriage.prior', { status: maritalLabel(t, m.priorStatus) })}</Typography.Text></div>}
          {!m.endedOn && <Sources sources={m.sources} />}
        </div>
      ),
    });
  }
  if (m.endedOn || m.endKind) {
    items.push({
      key: `${m.endedOn}-e`,
      color: m.endKind === 'death_inferred' ? 'gray' : 'red',
      title: m.endedOn ?? t('identity.marriage.unknownDate'),
      content: (
        <div data-testid="marriage-end">
          <Typography.Text strong>{t('identity.marriage.endedLabel')}</Typography.Text> · {t('identity.marriage.spouse')} {partner}
          {m.endKind && <div><Tag color={m.endKind === 'death_inferred' ? 'default' : 'volcano'}>{t(`identityCodes.endKinds.${m.endKind}`)}</Tag></div>}
          <Sources sources={m.sources} />
        </div>
      ),
    });
  }
  return items;
}

/** 婚姻专题库 for one person: the current status with its confidence, the timeline, and conflicts. */
export function MarriageTab({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const req = useRequest((s) => apiGet<MarriageTimeline>(`/api/persons/${encodeURIComponent(id)}/marriage`, undefined, s), [id]);
  const d = req.data;
  if (req.error) return <ErrorAlert error={req.error} />;
  if (!d) return <Skeleton active />;
  const confidence = Math.round(d.status.confidence * 100);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="marriage-tab">
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'value', label: t('identity.marriage.status'), children: <Tag color="blue" data-testid="marital-status">{maritalLabel(t, d.status.value)}</Tag> },
            {
              key: 'confidence', label: t('identity.marriage.confidence'),
              children: <Progress percent={confidence} size="small" style={{ width: 140, margin: 0 }} format={() => pct(d.status.confidence, 0)} status={confidence >= 90 ? 'success' : 'normal'} data-testid="marital-confidence" />,
            },
            { key: 'registry', label: t('identity.marriage.registry'), children: maritalLabel(t, d.status.registry) },
            { key: 'basis', label: t('identity.marriage.basis'), children: basisLabel(t, d.status.basis) },
          ]}
        />
      </Card>
      {d.conflicts.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="marriage-conflicts">
          {d.conflicts.map((c, i) => (
            <Alert
              key={i}
              type="warning"
              showIcon
              title={t(`identityCodes.conflictKinds.${c.kind}`, { defaultValue: c.kind })}
              description={<>{bilingual(c.detail, i18n.language)}<Sources sources={c.sources} /></>}
            />
          ))}
        </Space>
      )}
      {d.marriages.length ? (
        <Timeline data-testid="marriage-timeline" titleSpan="104px" items={d.marriages.flatMap((m) => itemsOf(m, t))} />
      ) : (
        <Empty description={t('identity.marriage.empty')} />
      )}
    </Space>
  );
}
