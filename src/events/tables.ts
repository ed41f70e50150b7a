import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp } from '../platform/db/column-types.js';
import type { EventSubject, Severity } from './event-messages.js';

/** The category taxonomy (一网统管 事件分类); Open311 service codes are these codes. */
export interface EventCategoryTable {
  code: string;
  label_zh: string;
  label_en: string;
  /** The group it belongs to, e.g. 城市管理 / city management. */
  group_zh: string;
  group_en: string;
  default_severity: Severity;
  /** Reports of this category closer than this, within the window, merge into one case. */
  dedup_radius_m: number;
  dedup_window_minutes: number;
  active: Generated<boolean>;
  sort: Generated<number>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface EventCaseTable {
  id: string;
  district_code: string;
  category: string;
  severity: Severity;
  title: string;
  description: string | null;
  source: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  agency_responsible: string | null;
  dedup_key: string | null;
  lon: number | null;
  lat: number | null;
  region_code: string | null;
  grid_code: string | null;
  address: string | null;
  count: number;
  media_url: string | null;
  published_by: string | null;
  occurred_at: Timestamp;
  opened_at: Timestamp;
  last_event_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface EventTable {
  id: string;
  case_id: string;
  district_code: string;
  source: string;
  category: string;
  severity: Severity;
  title: string;
  description: string | null;
  lon: number | null;
  lat: number | null;
  region_code: string | null;
  grid_code: string | null;
  address: string | null;
  subjects: Json<EventSubject[]>;
  facts: Json<Record<string, unknown>>;
  /** sha256 names of attachments in event_attachment. */
  attachments: Json<string[]>;
  media_url: string | null;
  dedup_key: string | null;
  /** Sealed token of the reporter's contact details (name, email, phone); never returned by Open311. */
  reporter_sealed: string | null;
  published_by: string | null;
  occurred_at: Timestamp;
  received_at: DefaultTimestamp;
}

export interface EventAttachmentTable {
  sha256: string;
  content_type: string;
  bytes: ColumnType<number, number, number>;
  file_name: string | null;
  uploaded_by: string | null;
  uploaded_at: DefaultTimestamp;
}

/** Who may read a stored file: its uploaders, and the cases whose handling cited it. */
export interface EventAttachmentLinkTable {
  sha256: string;
  kind: 'uploader' | 'case';
  ref: string;
  at: DefaultTimestamp;
}

declare module '../platform/db/schema.js' {
  interface Database {
    event_category: EventCategoryTable;
    event_case: EventCaseTable;
    event: EventTable;
    event_attachment: EventAttachmentTable;
    event_attachment_link: EventAttachmentLinkTable;
  }
}
