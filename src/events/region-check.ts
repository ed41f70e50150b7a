import type { Principal } from '../platform/auth/principal.js';
import type { Executor } from '../platform/db/transaction.js';
import { NotFound } from '../platform/errors.js';
import type { RegionsService } from '../platform/regions/regions.service.js';

const SYSTEM: Principal = { kind: 'user', id: 'system', name: 'system', displayName: 'system', role: 'admin', scope: { kind: 'district', code: '' } };
const NEGATIVE_MS = 60_000;

/**
 * Whether a region or grid code exists, asked of the platform's regions service. Codes never
 * disappear, so a known code is remembered for the life of the process; an unknown one for a minute
 * (grids can be imported meanwhile). Inside a caller's transaction the region table is read through
 * that transaction: PGlite has one connection, and the pool would wait for the transaction to end.
 */
export class RegionCheck {
  private readonly known = new Set<string>();
  private readonly unknown = new Map<string, number>();
  /** Lookups under way: concurrent publishes naming one new code share one lookup instead of each asking. */
  private readonly pending = new Map<string, Promise<boolean>>();
  private district: string | null = null;

  constructor(private readonly regions: RegionsService) {}

  async exists(code: string, tx?: Executor): Promise<boolean> {
    if (this.known.has(code)) return true;
    const miss = this.unknown.get(code);
    if (miss && Date.now() - miss < NEGATIVE_MS) return false;
    if (tx?.isTransaction) return this.remember(code, !!(await tx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst()));
    let lookup = this.pending.get(code);
    if (!lookup) {
      lookup = this.viaService(code)
        .then((found) => this.remember(code, found))
        .finally(() => this.pending.delete(code));
      this.pending.set(code, lookup);
    }
    return lookup;
  }

  private remember(code: string, found: boolean): boolean {
    if (found) this.known.add(code);
    else this.unknown.set(code, Date.now());
    return found;
  }

  private async viaService(code: string): Promise<boolean> {
    try {
      await this.regions.get(SYSTEM, code);
      return true;
    } catch (e) {
      if (!(e instanceof NotFound)) throw e;
      return false;
    }
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
