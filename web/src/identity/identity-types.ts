// Shapes of the identity API (src/identity/identity.routes.ts) as the console reads them.

export interface SourceRef { dataset: string; batch: number; row: number; line: number }

export interface GoldenValue {
  /** For id_number and phone a keyed hash: never shown, `masked` is. */
  value: string;
  masked?: string;
  rule: 'trusted_source' | 'most_recent' | 'most_frequent';
  source: SourceRef & { record: number };
}

export interface PersonHit {
  id: string;
  name: string | null;
  idMasked: string | null;
  birthDate: string | null;
  villageCode: string | null;
  records: number;
}
export interface PersonSearchResult { total: number; items: PersonHit[] }

export interface SourceRecord {
  id: number;
  dataset: string;
  role: string;
  party: string;
  batch: number;
  row: number;
  line: number;
  name: string | null;
  idMasked: string | null;
  idValid: boolean | null;
  birthDate: string | null;
  sex: string | null;
  phoneMasked: string | null;
  villageCode: string | null;
  householdNo: string | null;
  context: Record<string, unknown>;
}

export interface HouseholdMember { id: string; name: string | null; birthDate: string | null; relation: string | null }

export interface EnterpriseLink {
  creditCode: string;
  enterpriseId: string | null;
  name: string | null;
  role: 'legal_rep' | 'shareholder';
  registeredCapitalWan: number | null;
  subscribedWan: number | null;
  ratio: string | null;
}

export interface Facet { key: string; label: string; items: Array<Record<string, unknown>> }

export interface FileChange {
  id: number;
  kind: 'created' | 'merged' | 'split' | 'moved';
  entity: string;
  other: string | null;
  records: number[];
  reason: string;
  at: string | null;
}

export interface PersonFile {
  id: string;
  status: 'active' | 'merged' | 'retired';
  golden: Partial<Record<string, GoldenValue>>;
  name: string | null;
  idMasked: string | null;
  birthDate: string | null;
  villageCode: string | null;
  records: SourceRecord[];
  household: HouseholdMember[];
  enterprises: EnterpriseLink[];
  facets: Facet[];
  changes: FileChange[];
}

export interface Marriage {
  partnerEntity: string | null;
  partnerName: string | null;
  marriedOn: string | null;
  place: string | null;
  endedOn: string | null;
  endKind: 'divorce_registration' | 'divorce_judgment' | 'annulment' | 'death_inferred' | null;
  priorStatus: string | null;
  sources: SourceRef[];
}
export interface MarriageConflictFact { kind: string; detail: string; sources: SourceRef[] }
export interface MarriageTimeline {
  person: string;
  name: string | null;
  marriages: Marriage[];
  status: { value: string; confidence: number; registry: string | null; basis: string };
  conflicts: MarriageConflictFact[];
}

export interface EnterprisePerson { personId: string | null; name: string | null; idMasked: string | null }
export interface EnterpriseFile {
  id: string;
  creditCode: string;
  name: string | null;
  villageCode: string | null;
  golden: Partial<Record<string, GoldenValue>>;
  registration: (Record<string, unknown> & { source: SourceRef }) | null;
  legalRepresentatives: EnterprisePerson[];
  shareholders: Array<EnterprisePerson & { subscribedWan: number | null; ratio: string | null }>;
  insuredEmployees: number;
}

export interface FieldContribution {
  column: string;
  type: string;
  valueA: string;
  valueB: string;
  level: string;
  m: number | null;
  u: number | null;
  weight: number;
  termFrequencyAdjusted: boolean;
}
export interface Explanation { prior: number; fields: FieldContribution[]; weight: number; probability: number }

/** A record as the review queue shows it (snake_case, straight from the store). */
export interface ReviewRecord {
  id: number;
  dataset: string;
  role: string;
  name: string | null;
  id_masked: string | null;
  id_valid: boolean | null;
  birth_date: string | null;
  sex: string | null;
  phone_masked: string | null;
  village_code: string | null;
  address: string | null;
  entity_id: string | null;
}
export type ReviewStatus = 'open' | 'same' | 'different';
export interface ReviewPair {
  id: number;
  probability: number;
  explanation: Explanation;
  status: ReviewStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  a: ReviewRecord | null;
  b: ReviewRecord | null;
}

export type ConflictStatus = 'open' | 'confirmed' | 'dismissed' | 'gone';
export interface MarriageConflict {
  id: number;
  person: string;
  name: string | null;
  kind: string;
  detail: string;
  sources: SourceRef[];
  status: ConflictStatus;
  foundAt: string | null;
  decidedBy: string | null;
  note: string | null;
}
export interface ConflictPage { total: number; byKind: Record<string, number>; items: MarriageConflict[] }

export interface RunStats {
  mode: 'full' | 'incremental';
  records?: { inserted: number; retired: number; linked: number };
  entities?: { created: number; merged: number; split: number; moved: number; active: number };
  review?: { queued: number };
  products?: { marriage?: { found?: number; opened?: number } };
  seconds?: number;
}
export interface IdentityRun {
  id: number;
  kind: string;
  mode: 'full' | 'incremental';
  status: 'running' | 'succeeded' | 'failed';
  stats: RunStats | null;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}
