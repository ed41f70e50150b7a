import type { CaseStatusUpdate } from '../events/event-messages.js';
import { eventsOf } from '../events/events.module.js';
import type { Platform } from '../platform/platform.js';

/** The one place dispatch reports a case's status back to the hub (for Open311). */
export async function reportToHub(p: Platform, caseId: string, update: CaseStatusUpdate): Promise<void> {
  await eventsOf(p).hub.setCaseStatus(caseId, update);
}
