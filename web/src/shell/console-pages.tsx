import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined, AlertOutlined, AuditOutlined, BarChartOutlined, BranchesOutlined, DashboardOutlined, DatabaseOutlined, EnvironmentOutlined,
  MobileOutlined, ScheduleOutlined, TagsOutlined, TeamOutlined,
} from '@ant-design/icons';
import { ClusterOutlined, DiffOutlined, HeartOutlined, IdcardOutlined } from '@ant-design/icons';
import { CloudSyncOutlined, ExperimentOutlined, FundOutlined, SafetyCertificateOutlined } from '@ant-design/icons';

/** A page of the console: the router and the left menu are both built from this list. */
export interface ConsolePage {
  path: string;
  /** Server module that must be switched on (`modules` from /api/auth/me). */
  module: string;
  /** Permission the user needs to see it; none means every signed-in user. */
  permission?: string;
  labelKey: string;
  icon: ReactNode;
  /** False for pages reached from another page (a dataset from the catalog), not from the menu. */
  menu?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

// Each page is its own chunk, so a user only downloads what they open.
export const CONSOLE_PAGES: ConsolePage[] = [
  {
    path: '/', module: 'platform', labelKey: 'nav.home', icon: <DashboardOutlined />,
    component: lazy(() => import('../platform/home/home-page')),
  },
  {
    path: '/regions', module: 'platform', permission: 'region.read', labelKey: 'nav.regions', icon: <EnvironmentOutlined />,
    component: lazy(() => import('../platform/regions/regions-page')),
  },
  {
    path: '/orgs', module: 'platform', permission: 'org.read', labelKey: 'nav.orgs', icon: <ApartmentOutlined />,
    component: lazy(() => import('../platform/orgs/orgs-page')),
  },
  {
    path: '/users', module: 'platform', permission: 'user.read', labelKey: 'nav.users', icon: <TeamOutlined />,
    component: lazy(() => import('../platform/users/users-page')),
  },
  {
    path: '/audit', module: 'platform', permission: 'audit.read', labelKey: 'nav.audit', icon: <AuditOutlined />,
    component: lazy(() => import('../platform/audit/audit-page')),
  },
  {
    path: '/jobs', module: 'platform', permission: 'job.read', labelKey: 'nav.jobs', icon: <ScheduleOutlined />,
    component: lazy(() => import('../platform/jobs/jobs-page')),
  },
  {
    path: '/datasets', module: 'ingest', permission: 'dataset.read', labelKey: 'nav.datasets', icon: <DatabaseOutlined />,
    component: lazy(() => import('../ingest/catalog/catalog-page')),
  },
  {
    path: '/sources', module: 'ingest', permission: 'ingest.write', labelKey: 'nav.sources', icon: <CloudSyncOutlined />,
    component: lazy(() => import('../ingest/sources/sources-page')),
  },
  {
    // The tab is optional so a bare /datasets/<name> still opens; console links always carry it.
    path: '/datasets/:name/:tab?', module: 'ingest', permission: 'dataset.read', labelKey: 'nav.datasets', icon: <DatabaseOutlined />, menu: false,
    component: lazy(() => import('../ingest/dataset/dataset-page')),
  },
  {
    path: '/persons', module: 'identity', permission: 'person.read', labelKey: 'identity.nav.persons', icon: <IdcardOutlined />,
    component: lazy(() => import('../identity/persons/person-search-page')),
  },
  {
    // The tab is optional, as for datasets: /persons/<id> opens the golden record.
    path: '/persons/:id/:tab?', module: 'identity', permission: 'person.read', labelKey: 'identity.nav.persons', icon: <IdcardOutlined />, menu: false,
    component: lazy(() => import('../identity/persons/person-file-page')),
  },
  {
    path: '/enterprises/:id', module: 'identity', permission: 'person.read', labelKey: 'identity.nav.persons', icon: <IdcardOutlined />, menu: false,
    component: lazy(() => import('../identity/enterprises/enterprise-file-page')),
  },
  {
    path: '/identity/reviews', module: 'identity', permission: 'identity.review', labelKey: 'identity.nav.reviews', icon: <DiffOutlined />,
    component: lazy(() => import('../identity/reviews/review-page')),
  },
  {
    path: '/identity/marriage-conflicts', module: 'identity', permission: 'identity.review', labelKey: 'identity.nav.marriageConflicts', icon: <HeartOutlined />,
    component: lazy(() => import('../identity/conflicts/marriage-conflicts-page')),
  },
  {
    path: '/identity/runs', module: 'identity', permission: 'identity.run', labelKey: 'identity.nav.runs', icon: <ClusterOutlined />,
    component: lazy(() => import('../identity/runs/runs-page')),
  },
  {
    path: '/events/categories', module: 'events', permission: 'event.read', labelKey: 'dispatch.nav.categories', icon: <TagsOutlined />,
    component: lazy(() => import('../events/categories/categories-page')),
  },
  {
    path: '/dispatch/wall', module: 'dispatch', permission: 'dispatch.read', labelKey: 'dispatch.nav.wall', icon: <AlertOutlined />,
    component: lazy(() => import('../dispatch/wall/wall-page')),
  },
  {
    path: '/dispatch/my', module: 'dispatch', permission: 'dispatch.handle', labelKey: 'dispatch.nav.my', icon: <MobileOutlined />,
    component: lazy(() => import('../dispatch/my/my-cases-page')),
  },
  {
    path: '/dispatch/cases/:id', module: 'dispatch', permission: 'dispatch.read', labelKey: 'dispatch.nav.case', icon: <AlertOutlined />, menu: false,
    component: lazy(() => import('../dispatch/case/case-page')),
  },
  {
    path: '/dispatch/rules', module: 'dispatch', permission: 'dispatch.read', labelKey: 'dispatch.nav.rules', icon: <BranchesOutlined />,
    component: lazy(() => import('../dispatch/rules/rules-page')),
  },
  {
    path: '/dispatch/stats', module: 'dispatch', permission: 'dispatch.stats', labelKey: 'dispatch.nav.stats', icon: <BarChartOutlined />,
    component: lazy(() => import('../dispatch/stats/stats-page')),
  },
  {
    path: '/supervision/warnings', module: 'supervision', permission: 'supervision.read', labelKey: 'supervision.nav.warnings', icon: <SafetyCertificateOutlined />,
    component: lazy(() => import('../supervision/warnings/warnings-page')),
  },
  {
    path: '/supervision/warnings/:id', module: 'supervision', permission: 'supervision.read', labelKey: 'supervision.nav.warnings', icon: <SafetyCertificateOutlined />, menu: false,
    component: lazy(() => import('../supervision/warning/warning-page')),
  },
  {
    path: '/supervision/stats', module: 'supervision', permission: 'supervision.stats', labelKey: 'supervision.nav.stats', icon: <FundOutlined />,
    component: lazy(() => import('../supervision/stats/stats-page')),
  },
  {
    path: '/supervision/models', module: 'supervision', permission: 'supervision.model.read', labelKey: 'supervision.nav.models', icon: <ExperimentOutlined />,
    component: lazy(() => import('../supervision/models/models-page')),
  },
  {
    path: '/supervision/models/:id', module: 'supervision', permission: 'supervision.model.read', labelKey: 'supervision.nav.models', icon: <ExperimentOutlined />, menu: false,
    component: lazy(() => import('../supervision/models/model-page')),
  },
];

/** Module order in the menu; modules the console does not know yet are simply not shown. */
export const MODULE_ORDER = ['platform', 'ingest', 'identity', 'events', 'dispatch', 'supervision'];
