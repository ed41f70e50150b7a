import type { Executor } from '../platform/db/transaction.js';
import type { RegionsService } from '../platform/regions/regions.service.js';

/**
 * Whether a region or grid code exists, asked of the platform's region index, which holds every
 * area in memory and reloads within seconds when the regions change (a grid import, in any
 * process). Asking the regions service code by code cost three queries per new code, and a fresh
 * process meets hundreds of codes at once. Codes never disappear, so a known one is remembered for
 * good. Inside a caller's transaction the index reads through that transaction: PGlite has one
 * connection, and the pool would wait for the transaction to end.
 */
export class RegionCheck {
  private readonly known = new Set<string>();
  private district: string | null = null;

  constructor(private readonly regions: RegionsService) {}

  async exists(code: string, tx?: Executor): Promise<boolean> {
    if (this.known.has(code)) return true;
    const found = !!(await this.regions.index.area(code, tx?.isTransaction ? tx : undefined));
    if (found) this.known.add(code);
    return found;
  }

  /** The district this installation serves, for events that carry no region. */
  async districtCode(tx?: Executor): Promise<string> {
    if (!this.district) {
      const d = tx?.isTransaction ? await tx.selectFrom('region').select('code').where('level', '=', 'district').executeTakeFirst() : (await this.regions.summary()).district;
      if (!d) throw new Error('no district is configured (regions not seeded)');
      this.district = d.code;
    }
    return this.district;
  }
}
