import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp } from './db/column-types.js';

export interface RegionTable {
  code: string;
  parent_code: string | null;
  level: 'district' | 'town' | 'village' | 'grid';
  name: string;
  kind: string;
  district_code: string;
  geometry: Json<GeoJSONGeometry> | null;
  centroid_lon: number | null;
  centroid_lat: number | null;
  approximate: Generated<boolean>;
  sort: number;
}

export interface GeoJSONGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export interface OrgUnitTable {
  code: string;
  name: string;
  /** How departments name themselves in their files: 民政局, 市场监管局. */
  short_name: string;
  kind: 'department' | 'command_centre' | 'district_centre';
  region_code: string;
  district_code: string;
  sort: number;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_kind: string;
  scope_code: string;
  phone_enc: string | null;
  phone_hash: string | null;
  locked: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  last_seen_at: DefaultTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  token_hash: string;
  role: string;
  scope_kind: string;
  scope_code: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface AuditLogTable {
  id: number;
  at: Timestamp;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  detail: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  title: string;
  params: Json<Record<string, unknown>>;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  done: Generated<number>;
  total: number | null;
  message: string | null;
  checkpoint: Json<Record<string, unknown>> | null;
  result: Json<Record<string, unknown>> | null;
  error: string | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  run_after: DefaultTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  locked_by: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  payload: Json<object>;
  created_at: DefaultTimestamp;
  available_at: DefaultTimestamp;
  attempts: Generated<number>;
  delivered_to: ColumnType<string[], string | undefined, string>;
  last_error: string | null;
}

export interface SettingTable {
  key: string;
  value: Json<object>;
  updated_at: DefaultTimestamp;
}

declare module './db/schema.js' {
  interface Database {
    region: RegionTable;
    org_unit: OrgUnitTable;
    app_user: AppUserTable;
    user_session: UserSessionTable;
    api_token: ApiTokenTable;
    audit_log: AuditLogTable;
    job: JobTable;
    outbox: OutboxTable;
    setting: SettingTable;
  }
}
