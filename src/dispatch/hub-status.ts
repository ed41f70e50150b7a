import type { CaseStatusUpdate } from '../events/event-messages.js';
import { eventsOf } from '../events/events.module.js';
import type { Executor } from '../platform/db/transaction.js';
import type { Platform } from '../platform/platform.js';

/** What dispatch reports back to the hub: cases' statuses, in the caller's transaction when it gives one. */
export type HubReporter = (updates: Array<{ caseId: string } & CaseStatusUpdate>, tx?: Executor) => Promise<string[]>;

/**
 * The one place dispatch reports cases' statuses back to the hub (for Open311). Returns the ids
 * the hub does not know (a case announced to dispatch by another path, such as a test).
 */
export function hubReporter(p: Platform): HubReporter {
  return (updates, tx) => eventsOf(p).hub.setCaseStatuses(updates, tx);
}
