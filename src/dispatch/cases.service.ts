import type { Principal } from '../platform/auth/principal.js';
import type { Db } from '../platform/db/transaction.js';
import { Forbidden, NotFound } from '../platform/errors.js';
import { canSee } from './access.js';
import * as store from './case.store.js';
import { caseView, placeOf, transitionView } from './case-view.js';
import type { LifecycleService } from './lifecycle.service.js';
import type { Router } from './router.js';

/** Reading cases: lists scoped to the caller, one case with its timeline and what the caller may do next. */
export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly router: Router,
    private readonly lifecycle: LifecycleService,
  ) {}

  private readonly name = (u: Parameters<Router['unitName']>[0]) => this.router.unitName(u);

  async list(p: Principal, f: store.CaseFilter, page: number, pageSize: number) {
    const now = this.lifecycle.now();
    const { items, total } = await store.listCases(this.db, p, f, now, (page - 1) * pageSize, pageSize);
    return { items: await Promise.all(items.map((r) => caseView(r, this.name, now))), total, page, pageSize };
  }

  async get(p: Principal, id: string) {
    const r = await store.caseById(this.db, id);
    if (!r) throw new NotFound(`案件 ${id} 不存在 (no such case)`);
    if (!canSee(p, placeOf(r))) throw new Forbidden('超出数据权限范围 (forbidden: outside your scope)', 'out_of_scope', { target: `dispatch_case:${id}` });
    const timeline = (await store.transitionsOf(this.db, id)).map(transitionView);
    return { ...(await caseView(r, this.name, this.lifecycle.now())), allowedActions: this.lifecycle.allowedActions(p, r), timeline };
  }
}
