/**
 * What the event hub tells other modules through the transactional outbox. Topics:
 * `events.case_opened` (CaseOpened) when an event opens a new case, `events.case_grew` (CaseGrew)
 * when a duplicate merges into an open case. Fields may be added, never removed.
 */
export const CASE_OPENED = 'events.case_opened';
export const CASE_GREW = 'events.case_grew';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly Severity[];

export interface CaseLocation { lon: number | null; lat: number | null; regionCode: string | null; gridCode: string | null; address: string | null }
export interface CaseOpened { caseId: string; category: string; severity: 'low' | 'medium' | 'high' | 'critical'; title: string; source: string; location: CaseLocation; occurredAt: string; openedAt: string; subjects: EventSubject[]; eventId: string; districtCode: string }
export interface CaseGrew { caseId: string; eventId: string; count: number; severity: CaseOpened['severity'] }
export interface EventSubject { kind: 'person' | 'enterprise' | 'device' | 'camera' | 'parcel'; id: string; label?: string }

/** What dispatch reports back about a case (`eventsOf(p).hub.setCaseStatus`). */
export interface CaseStatusUpdate { status: 'open' | 'closed'; statusNotes: string | null; agencyResponsible: string | null; at: Date }
