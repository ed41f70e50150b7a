import { z } from 'zod';
import { SEVERITIES } from './event-messages.js';

const SUBJECT_KINDS = ['person', 'enterprise', 'device', 'camera', 'parcel'] as const;
const code = (digits: string) => z.string().regex(new RegExp(`^\\d{${digits}}$`), `must be ${digits.replace(',', '–')} digits`);

/**
 * One event as a publisher hands it in, over HTTP or by a service call. Text is kept as text: a
 * description holding `<script>` is stored and returned as written, and the console renders it inert.
 */
export const publishInput = z.strictObject({
  source: z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}_.:\/-]+$/u, 'letters, digits and _ . : / - only'),
  category: z.string().trim().min(1).max(64),
  severity: z.enum(SEVERITIES).optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).nullish(),
  location: z
    .strictObject({
      lon: z.number().min(-180).max(180).nullish(),
      lat: z.number().min(-90).max(90).nullish(),
      regionCode: code('6,12').refine((c) => [6, 9, 12].includes(c.length), 'must be a district, town or village code (6, 9 or 12 digits)').nullish(),
      gridCode: code('15').nullish(),
      address: z.string().max(500).nullish(),
    })
    .refine((l) => (l.lon == null) === (l.lat == null), { message: 'lon and lat come together', path: ['lat'] })
    .optional(),
  subjects: z.array(z.strictObject({ kind: z.enum(SUBJECT_KINDS), id: z.string().trim().min(1).max(64), label: z.string().max(200).optional() })).max(50).default([]),
  evidence: z
    .strictObject({
      facts: z.record(z.string().max(64), z.unknown()).default({}),
      attachments: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'sha256 of an uploaded attachment')).max(20).default([]),
      mediaUrl: z.url({ protocol: /^https?$/ }).max(2000).nullish(),
    })
    .default({ facts: {}, attachments: [] }),
  reporter: z
    .strictObject({ name: z.string().max(100).nullish(), email: z.string().max(200).nullish(), phone: z.string().max(40).nullish(), deviceId: z.string().max(200).nullish(), accountId: z.string().max(200).nullish() })
    .optional(),
  dedupKey: z.string().trim().min(1).max(200).nullish(),
  occurredAt: z.union([z.iso.datetime({ offset: true }), z.date()]).optional(),
});

/** The HTTP body: the same, with occurredAt as ISO 8601 text only (JSON has no dates). */
export const publishBody = publishInput.extend({ occurredAt: z.iso.datetime({ offset: true }).optional() });

export type PublishInput = z.input<typeof publishInput>;
export type ParsedEvent = z.output<typeof publishInput>;

/** The facts JSON is bounded so one event cannot grow a case without limit. */
export const MAX_FACTS_BYTES = 32 * 1024;
