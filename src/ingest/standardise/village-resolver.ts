/**
 * Village-level units (村委会, 社区) by 12-digit code or by name, as departments write them: 一都村,
 * 一都村委会, 天目山镇一都村, 临安区天目山镇一都村委会, 锦天社区. A bare name that two towns share
 * is ambiguous and is never resolved to either.
 */
import type { Divisions } from '../../platform/regions/divisions.js';
import { cleanCell, removeSpaces } from './clean-cell.js';
import { toSimplified } from './to-simplified.js';

export interface VillageCandidate {
  code: string;
  /** Town and village, e.g. 天目山镇一都村委会. */
  name: string;
}

export type VillageLookup =
  | { kind: 'found'; code: string }
  | { kind: 'ambiguous'; candidates: VillageCandidate[] }
  | { kind: 'not_found'; detail: string }
  | { kind: 'empty' };

// The official name is 一都村委会 or 锦天社区; people write the short forms and the long ones.
const VILLAGE_FORMS = ['村委会', '村民委员会', '村委', '村', ''];
const COMMUNITY_FORMS = ['社区', '社区居委会', '社区居民委员会', '居委会', ''];
const KIND_SUFFIX = /(?:村委会|社区)$/;
const TOWN_SUFFIX = /(?:镇|乡|街道|街道办事处)$/;
const DIGITS = /^\d+$/;

type NameIndex = Map<string, VillageCandidate[]>;

export class VillageResolver {
  private readonly codes = new Set<string>();
  private readonly townCodes = new Set<string>();
  private readonly byName: NameIndex = new Map();
  /** Town name prefixes (天目山镇, 天目山), longest first, each with the town's own name index. */
  private readonly towns: Array<{ prefix: string; names: NameIndex }> = [];
  /** District prefixes a full address starts with (浙江省杭州市临安区, 临安市, …), longest first. */
  private readonly districtPrefixes: string[];
  private readonly districtName: string;

  constructor(divisions: Divisions) {
    const d = divisions.district;
    this.districtName = d.name;
    const districtCore = d.name.replace(/[区县市]$/, '');
    const places = [d.name, `${districtCore}市`, districtCore];
    const cities = ['', d.city, `${d.province}${d.city}`];
    this.districtPrefixes = [...new Set(cities.flatMap((c) => places.map((p) => c + p)).filter(Boolean))].sort((a, b) => b.length - a.length);

    for (const town of divisions.towns) {
      this.townCodes.add(town.code);
      const townIndex: NameIndex = new Map();
      for (const v of town.villages) {
        this.codes.add(v.code);
        const candidate = { code: v.code, name: town.name + v.name };
        for (const form of nameForms(v.name, v.kind)) {
          add(this.byName, form, candidate);
          add(townIndex, form, candidate);
        }
      }
      const townCore = town.name.replace(TOWN_SUFFIX, '');
      for (const prefix of new Set([town.name, townCore])) this.towns.push({ prefix, names: townIndex });
    }
    this.towns.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The 12-digit code for a code or name, or null when unknown or ambiguous. */
  resolve(raw: string): { code: string } | null {
    const r = this.lookup(raw);
    return r.kind === 'found' ? { code: r.code } : null;
  }

  /** Like `resolve`, but says why a value did not resolve and lists the candidates of an ambiguous name. */
  lookup(raw: string): VillageLookup {
    const s = removeSpaces(cleanCell(raw));
    if (s === '') return { kind: 'empty' };
    if (DIGITS.test(s)) return this.lookupCode(s);

    const name = toSimplified(s);
    const direct = this.byName.get(name);
    if (direct !== undefined) return found(direct);
    const local = this.stripDistrict(name);
    if (local !== name) {
      const hit = this.byName.get(local);
      if (hit !== undefined) return found(hit);
    }
    for (const town of this.towns) {
      if (local.length > town.prefix.length && local.startsWith(town.prefix)) {
        const rest = local.slice(town.prefix.length);
        const hit = town.names.get(rest);
        if (hit !== undefined) return found(hit);
        const elsewhere = this.byName.get(rest);
        if (elsewhere !== undefined) {
          // The town and the village disagree; which one is wrong is for a person to decide.
          const where = elsewhere.map((c) => c.name).join(', ');
          return { kind: 'not_found', detail: `${town.prefix} has no ${rest}; there is ${where}` };
        }
      }
    }
    return { kind: 'not_found', detail: `no village or community in ${this.districtName} is called ${name}` };
  }

  private lookupCode(s: string): VillageLookup {
    if (s.length === 12) {
      return this.codes.has(s) ? { kind: 'found', code: s } : { kind: 'not_found', detail: `no village-level unit has code ${s}` };
    }
    if (s.length === 9 && this.townCodes.has(s)) {
      return { kind: 'not_found', detail: `${s} is a town code; a village-level (12-digit) code is needed` };
    }
    return { kind: 'not_found', detail: `${s} is not a 12-digit village code` };
  }

  private stripDistrict(name: string): string {
    for (const prefix of this.districtPrefixes) {
      if (name.length > prefix.length && name.startsWith(prefix)) return name.slice(prefix.length);
    }
    return name;
  }
}

/** Every spelling of one unit's name: 一都村委会 → 一都村委会, 一都村民委员会, 一都村委, 一都村, 一都. */
function nameForms(name: string, kind: string): string[] {
  const core = name.replace(KIND_SUFFIX, '');
  const forms = (kind === 'community' ? COMMUNITY_FORMS : VILLAGE_FORMS).map((suffix) => core + suffix);
  return [...new Set([name, ...forms])];
}

function add(index: NameIndex, key: string, candidate: VillageCandidate): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [candidate]);
  else if (!list.some((c) => c.code === candidate.code)) list.push(candidate);
}

function found(candidates: VillageCandidate[]): VillageLookup {
  return candidates.length === 1 ? { kind: 'found', code: candidates[0].code } : { kind: 'ambiguous', candidates };
}
