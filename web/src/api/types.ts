// Shapes of the platform API as the console consumes them (see the lead's route schemas).
import type { MultiPolygon, Polygon } from 'geojson';

export const ROLES = [
  'admin', 'data_steward', 'analyst', 'town_operator', 'grid_worker',
  'window_staff', 'clinician', 'inspector', 'discipline_inspector', 'leader',
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_KINDS = ['district', 'town', 'village', 'department'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export interface Scope { kind: ScopeKind; code: string; name: string }

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  permissions: string[];
}
export interface MeResponse { user: Me; modules: string[] }

export interface Page<T> { items: T[]; total: number }
export interface Items<T> { items: T[] }

export type RegionLevel = 'district' | 'town' | 'village' | 'grid';
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string;
  parentCode: string | null;
  childCount: number;
  centroid: [number, number] | null;
  approximate: boolean;
}
export interface RegionDetail extends Region {
  geometry: Polygon | MultiPolygon | null;
  path: Array<{ code: string; name: string; level: RegionLevel }>;
}
export interface RegionSummary {
  district: { code: string; name: string };
  counts: { towns: number; villages: number; grids: number; departments: number; commandCentres: number };
  approximateBoundaries: boolean;
}
export interface RegionFeatureProps { code: string; name: string; level: RegionLevel; approximate: boolean }

export type OrgKind = 'department' | 'command_centre';
export interface Org { code: string; name: string; kind: OrgKind; regionCode: string | null; regionName: string | null }

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  phoneMasked: string | null;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}
export interface RoleRow { role: Role; permissions: string[] }

export type AuditOutcome = 'allowed' | 'denied' | 'failed';
export interface AuditRecord {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  detail: Record<string, unknown>;
}
export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { id: number; problem: 'changed' | 'removed' | 'reordered' };
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export interface Job {
  id: string;
  kind: string;
  title: string;
  status: JobStatus;
  done: number;
  total: number | null;
  message: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}
