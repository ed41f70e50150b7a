import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { apiGet } from '../../api/client';
import { ErrorAlert } from '../../api/error-alert';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { PlaceName } from '../../dispatch/case/case-reports';
import { enterprisePath, personPath } from '../../identity/identity-labels';
import { formatTime } from '../../lib/format-time';
import { DomainTag, modelPath, OfficialTag, SeverityTag, useTowns, WarningStatusTag } from '../supervision-labels';
import type { ModelDetail, WarningDetail } from '../supervision-types';
import { CaseCard } from './case-card';
import { FactsSection } from './facts-section';
import { HistoryTimeline } from './history-timeline';
import { VerifyCard } from './verify-card';

/** The person's or enterprise's file, for readers who may open files; the name alone otherwise. */
function SubjectName({ w }: { w: WarningDetail }) {
  const { can } = useSession();
  const text = w.subject.name ?? w.subject.id;
  if (!can('person.read')) return <>{text}</>;
  const to = w.subject.kind === 'person' ? personPath(w.subject.id) : enterprisePath(w.subject.id);
  return <Link to={to} data-testid="subject-link">{text}</Link>;
}

/**
 * One warning: which model raised it and on what legal basis, whose file it is on, the facts with
 * the source row of each, the dispatch case, the verification and the history.
 */
export default function WarningPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const { name: townName } = useTowns();
  const loaded = useRequest((s) => apiGet<WarningDetail>(`/api/supervision/warnings/${encodeURIComponent(id)}`, undefined, s), [id]);
  const w = loaded.data;
  // The model version the warning cites, for English evidence labels and the link to its definition.
  const mayReadModels = can('supervision.model.read');
  const model = useRequest(
    (s) => (w && mayReadModels ? apiGet<ModelDetail>(`/api/supervision/models/${encodeURIComponent(w.model.id)}`, { version: w.model.version }, s).catch(() => undefined) : Promise.resolve(undefined)),
    [w?.model.id, w?.model.version, mayReadModels],
  );

  if (!w) return <><ErrorAlert error={loaded.error} />{!loaded.error && <Skeleton active />}</>;
  const en = i18n.language === 'en';
  const modelName = en ? w.model.nameEn : w.model.name;

  return (
    <div data-testid="warning-page" data-status={w.status}>
      <div style={{ marginBottom: 8 }}>
        <Link to="/supervision/warnings"><ArrowLeftOutlined /> {t('supervision.warnings.title')}</Link>
      </div>
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }} data-testid="warning-code">{w.code}</Typography.Title>
        <SeverityTag severity={w.severity} />
        <WarningStatusTag status={w.status} />
        {w.subject.official && <OfficialTag />}
      </Space>
      <ErrorAlert error={loaded.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('supervision.detail.model')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} data-testid="warning-model">
              <Descriptions.Item label={t('supervision.detail.modelName')} span={2}>
                <Space wrap size={4}>
                  {mayReadModels ? <Link to={modelPath(w.model.id)}>{modelName}</Link> : modelName}
                  <Typography.Text type="secondary">{t('supervision.versionValue', { version: w.model.version })}</Typography.Text>
                  <DomainTag domain={w.model.domain} />
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('supervision.detail.raisedAt')}>{formatTime(w.raisedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('supervision.detail.updatedAt')}>{formatTime(w.updatedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('supervision.detail.legalBasis')} span={2}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="legal-basis">{w.model.legalBasis}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <FactsSection facts={w.facts} spec={model.data?.spec} />
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('supervision.detail.subject')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} data-testid="warning-subject">
              <Descriptions.Item label={t(`supervision.subjectKind.${w.subject.kind}`)}>
                <Space wrap size={4}><SubjectName w={w} />{w.subject.official && <OfficialTag />}</Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('supervision.detail.fileId')}><Typography.Text code>{w.subject.id}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label={t('supervision.col.town')}>{townName(w.townCode)}</Descriptions.Item>
              {w.placeCode && w.placeCode !== w.townCode && <Descriptions.Item label={t('supervision.detail.place')}><PlaceName code={w.placeCode} /></Descriptions.Item>}
            </Descriptions>
          </Card>
          <CaseCard warning={w} onDone={loaded.reload} />
          <VerifyCard warning={w} onDone={loaded.reload} />
          <Card size="small" title={t('supervision.detail.history')}>
            <HistoryTimeline log={w.log} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
