import type { HubService } from '../../events/hub.service.js';
import type { Severity } from '../../events/event-messages.js';
import { withTransaction, type Db } from '../../platform/db/transaction.js';
import { maskName } from '../../platform/ids/mask.js';
import type { ModelSpec, WarningSeverity } from '../model/model-spec.js';

const EVENT_SEVERITY: Record<WarningSeverity, Severity> = { red: 'high', orange: 'medium', yellow: 'low' };

/**
 * Turns a warning into a dispatch event for the responsible town or department (the routing rules
 * decide which, by the model's event category and the warning's place). The event carries no
 * personal data beyond a masked name, and none at all when the subject is an official: handlers
 * open the warning itself, which only inspectors may read.
 */
export class WarningDispatcher {
  constructor(private readonly db: Db, private readonly hub: () => HubService, private readonly districtCode: () => Promise<string>) {}

  /** Dispatches an open warning; false when it is not open (already dispatched, closed, cleared). */
  async dispatch(warningId: number, actor: string, model: Pick<ModelSpec, 'name' | 'eventCategory' | 'legalBasis'>): Promise<boolean> {
    const district = await this.districtCode();
    return withTransaction(this.db, async (tx) => {
      const w = await tx.selectFrom('supervision_warning').selectAll().where('id', '=', warningId).forUpdate().executeTakeFirst();
      if (!w || w.status !== 'open') return false;
      const label = w.subject_official ? undefined : w.subject_kind === 'person' ? maskName(w.subject_name) : w.subject_name ?? undefined;
      const r = await this.hub().publish(
        {
          source: 'supervision',
          category: model.eventCategory,
          severity: EVENT_SEVERITY[w.severity],
          title: `护廉天目预警 ${w.code}：${model.name}`,
          description: `依据：${model.legalBasis}\n请核查后在预警 ${w.code} 中登记核查结果。`,
          location: { regionCode: w.place_code ?? w.town_code ?? district },
          subjects: [{ kind: w.subject_kind, id: w.subject_id, ...(label ? { label } : {}) }],
          evidence: { facts: { warning: w.code, model: w.model_id, severity: w.severity }, attachments: [] },
          dedupKey: `supervision:${w.code}`,
        },
        undefined,
        { tx, publishedBy: 'supervision' },
      );
      await tx.updateTable('supervision_warning').set({ status: 'dispatched', event_id: r.eventId, case_id: r.caseId, dispatched_at: new Date(), updated_at: new Date() }).where('id', '=', warningId).execute();
      await tx.insertInto('supervision_warning_log').values({ warning_id: warningId, kind: 'dispatched', actor, run_id: null, detail: JSON.stringify({ event: r.eventId, case: r.caseId }) }).execute();
      return true;
    });
  }
}
