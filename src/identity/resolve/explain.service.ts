import type { Principal } from '../../platform/auth/principal.js';
import { NotFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import { explainPair, modelFromJson, prepareTable, weightTables } from '../linkage/index.js';
import { linkageRows } from '../records/record.store.js';
import { personTable, sealExplanation } from './person-linker.js';
import { latestModelRun } from './run.store.js';

/** Why two records are (or are not) one person, under the model of the latest run. */
export class ExplainService {
  constructor(private readonly p: Platform) {}

  async pair(actor: Principal, a: number, b: number) {
    const run = await latestModelRun(this.p.db);
    if (!run) throw new NotFound('尚无匹配模型，请先运行实体解析 (no model yet: run resolution first)');
    const rows = await linkageRows(this.p.db, 'person', { ids: [a, b] });
    if (rows.length !== 2) throw new NotFound('记录不存在 (no such record)');
    const model = modelFromJson(run.model);
    const prepared = prepareTable(personTable(rows, this.p.cipher), model.config);
    const e = sealExplanation(explainPair(model, weightTables(model, prepared), prepared, 0, 1));
    await this.p.audit.record({ actor: actor.name, action: 'identity.explain', target: `records:${a},${b}`, detail: { run: run.id } });
    return { run: run.id, ...e };
  }
}
