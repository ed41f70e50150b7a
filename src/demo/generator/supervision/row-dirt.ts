/**
 * The little dirt the supervision files carry, all of it the kind the pipeline repairs: old
 * 15-digit ID numbers, names in traditional characters, dates typed 2023/5/1 or 2023年5月1日.
 * Never a mistyped ID digit: the models join on IDs, and a planted case must stay recoverable.
 * Rates are per row and labelled in truth/source-records.csv like the older files' dirt.
 */
import { chineseDate, dayOf, isoDate, slashDate } from '../dates.js';
import type { DirtLabel } from '../dirt.js';
import { makeTraditionalizer, toId15 } from '../mutations.js';
import type { Population } from '../population.js';
import type { Rng } from '../rng.js';

export const SUPERVISION_DIRT = {
  /** Of rows about people born before 2000: the ID in its old 15-digit form. */
  id15: { 'guotu.real_estate': 0.01, 'gongan.vehicles': 0.01, 'gongan.deaths': 0.015, 'zhujian.rental_leases': 0.005 } as Record<string, number>,
  nameTraditional: { 'guotu.real_estate': 0.005, 'gongan.deaths': 0.005, 'zuzhi.document_custody': 0.005 } as Record<string, number>,
  /** Dates typed by hand: 2023/5/1 and 2023年5月1日. */
  dateSlash: { 'guotu.real_estate': 0.05, 'gongan.vehicles': 0.03, 'zuzhi.exit_approvals': 0.1 } as Record<string, number>,
  dateChinese: { 'guotu.real_estate': 0.03, 'zuzhi.exit_approvals': 0.15, 'caizheng.contracts': 0.05 } as Record<string, number>,
};

const BORN_2000 = dayOf(2000, 1, 1);
let traditionalizer: ((name: string) => string | undefined) | undefined;

/** One file's dirt, drawn from the writer's own stream. */
export class RowDirt {
  constructor(
    private readonly pop: Population,
    private readonly rng: Rng,
    private readonly dataset: string,
  ) {}

  id(p: number, dirt: DirtLabel[]): string {
    const id = this.pop.people.idNumber[p];
    const rate = SUPERVISION_DIRT.id15[this.dataset] ?? 0;
    if (rate > 0 && this.pop.people.birth[p] < BORN_2000 && this.rng.chance(rate)) {
      dirt.push('id15');
      return toId15(id);
    }
    return id;
  }

  name(p: number, dirt: DirtLabel[]): string {
    const name = this.pop.people.name[p];
    const rate = SUPERVISION_DIRT.nameTraditional[this.dataset] ?? 0;
    if (rate > 0 && this.rng.chance(rate)) {
      traditionalizer ??= makeTraditionalizer();
      const t = traditionalizer(name);
      if (t) {
        dirt.push('name_traditional');
        return t;
      }
    }
    return name;
  }

  date(day: number, dirt: DirtLabel[]): string {
    const slash = SUPERVISION_DIRT.dateSlash[this.dataset] ?? 0;
    const chinese = SUPERVISION_DIRT.dateChinese[this.dataset] ?? 0;
    if (slash + chinese === 0) return isoDate(day);
    const r = this.rng.next();
    if (r < slash) {
      dirt.push('date_slash');
      return slashDate(day);
    }
    if (r < slash + chinese) {
      dirt.push('date_chinese');
      return chineseDate(day);
    }
    return isoDate(day);
  }
}
