import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, DashboardOutlined, DatabaseOutlined, EnvironmentOutlined, ScheduleOutlined, TeamOutlined,
} from '@ant-design/icons';

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
    // The tab is optional so a bare /datasets/<name> still opens; console links always carry it.
    path: '/datasets/:name/:tab?', module: 'ingest', permission: 'dataset.read', labelKey: 'nav.datasets', icon: <DatabaseOutlined />, menu: false,
    component: lazy(() => import('../ingest/dataset/dataset-page')),
  },
];

/** Module order in the menu; modules the console does not know yet are simply not shown. */
export const MODULE_ORDER = ['platform', 'ingest', 'identity', 'events', 'dispatch'];
