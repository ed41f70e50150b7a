import { z } from 'zod';
import { ACTIONS, CASE_STATUSES, UNIT_KINDS } from './case-model.js';

/** zod shapes of the dispatch API, shared by its routes and shown in /api/openapi.json. */
export const unitRef = z.object({ kind: z.enum(UNIT_KINDS), code: z.string().min(1).max(32) });
const namedUnit = unitRef.extend({ name: z.string() });
const iso = z.string();

export const caseSchema = z.object({
  caseId: z.string(),
  districtCode: z.string(),
  category: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  title: z.string(),
  source: z.string(),
  location: z.object({ lon: z.number().nullable(), lat: z.number().nullable(), address: z.string().nullable(), townCode: z.string().nullable(), villageCode: z.string().nullable(), gridCode: z.string().nullable() }),
  status: z.enum(CASE_STATUSES),
  unit: namedUnit,
  assignee: z.string().nullable(),
  dispatcher: namedUnit,
  escalatedTo: namedUnit.nullable(),
  escalations: z.number(),
  alsoNotify: z.array(namedUnit.nullable()),
  routeReasons: z.array(z.string()),
  subjects: z.array(z.unknown()),
  eventCount: z.number(),
  version: z.number().describe('send as expectedVersion with the next transition'),
  occurredAt: iso,
  openedAt: iso,
  dispatchedAt: iso.nullable(),
  acceptedAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  closedAt: iso.nullable(),
  acceptDueAt: iso.nullable(),
  resolveDueAt: iso.nullable(),
  overdue: z.boolean(),
});

export const transitionSchema = z.object({
  id: z.number(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actor: z.string(),
  at: iso,
  note: z.string().nullable(),
  attachments: z.array(z.string()),
  unit: z.object({ kind: z.string(), code: z.string() }),
  detail: z.record(z.string(), z.unknown()),
});

export const caseDetailSchema = caseSchema.extend({ allowedActions: z.array(z.enum(ACTIONS)), timeline: z.array(transitionSchema) });

export const transitionBody = z.object({
  action: z.enum(ACTIONS),
  expectedVersion: z.number().int().min(1).describe('the version the caller last saw; a different current version gives 409'),
  note: z.string().max(2000).nullish(),
  attachments: z.array(z.string().min(1).max(100)).max(20).default([]).describe('attachment ids from the event hub (photos of the result)'),
  unit: unitRef.optional().describe('dispatch only: send the case to this unit; without it the routing rules decide again'),
});

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const caseListQuery = z.object({
  status: z.string().max(200).optional().describe('comma-separated statuses'),
  unit: z.string().max(32).optional(),
  category: z.string().max(64).optional(),
  town: z.string().regex(/^\d{9}$/).optional(),
  overdue: flag.optional(),
});

export const caseIdParams = z.object({ id: z.string().min(1).max(100) });
