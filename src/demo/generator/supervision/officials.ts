/**
 * Public officials (公职人员): about 0.8% of residents aged 25–60, in the 18 town governments and
 * ~30 district departments. Officials may not run a business (公务员法), and nobody on 低保 is
 * one, so the natural roster draws from neither; planted cases add the exceptions. Each town has
 * a few 民政 officials (社会事务办) who approve its subsidy payments.
 */
import { makeCreditCode } from '../../../platform/ids/index.js';
import { DEPARTMENTS as BODIES } from '../../../platform/regions/departments.js';
import { addYears } from '../dates.js';
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { Official, Rank, Unit } from './types.js';
import { DEPARTMENTS } from './words.js';

const SHARE_OF_ADULTS = 0.008;
const TOWN_SHARE = 0.35;
/** Officials who joined in the last three years. */
const RECENT_JOINERS = 0.12;
/** Officials who live in the town whose government they work for. */
const LOCAL = 0.75;

export class OfficialRoster {
  readonly units: Unit[] = [];
  readonly officials: Official[] = [];
  private readonly byPerson = new Map<number, Official>();
  /** Town index → its government's unit index. */
  private readonly townUnits: number[] = [];
  // Planted officials never join these pools, so they can be computed once.
  private readonly minzhengCache = new Map<number, Official[]>();
  private readonly approverCache = new Map<number, Official[]>();

  constructor(private readonly b: SupervisionBase) {
    const rng = b.rng('officials');
    const { district } = b.pop;
    const codes = new Set<string>();
    const code = () => {
      let c = '';
      do c = makeCreditCode('11', district.code, '0' + String(rng.range(1_000_000, 9_999_999)));
      while (codes.has(c));
      codes.add(c);
      return c;
    };
    const prefix = `${district.city}${district.name}`;
    for (const town of district.towns) {
      this.townUnits.push(this.units.length);
      const name = town.subdistrict ? `${prefix}人民政府${town.name}办事处` : `${prefix}${town.name}人民政府`;
      this.units.push({ index: this.units.length, name, code: code(), town, builds: true });
    }
    for (const [short, , builds] of DEPARTMENTS) {
      // The body's registered name; the 纪委 and 监委 share one office, named by its first part.
      const name = (BODIES.find((d) => d.short === short)?.name ?? prefix + short).split(' ')[0];
      this.units.push({ index: this.units.length, name, code: code(), town: null, builds });
    }
    this.fill(rng);
  }

  /** 民政 officials per town: two at small scales, about six at Lin'an's size. */
  static minzhengPerTown(scale: number): number {
    return Math.max(2, Math.round(6 * Math.sqrt(scale)));
  }

  private fill(rng: Rng): void {
    const { b } = this;
    const { people, district } = b.pop;
    const candidates: number[][] = district.towns.map(() => []);
    let adults = 0;
    for (let i = 0; i < people.count; i++) {
      if (!b.aged(i, 25, 60)) continue;
      adults++;
      if (!b.dibao[i] && !b.business[i]) candidates[b.town(i).index].push(i);
    }
    for (const list of candidates) rng.shuffle(list);
    const all = rng.shuffle(candidates.flat());
    const taken = new Uint8Array(people.count);
    const next = (list: number[]) => {
      while (list.length > 0) {
        const p = list.pop()!;
        if (!taken[p]) return p;
      }
      return -1;
    };

    const minzheng = OfficialRoster.minzhengPerTown(b.pop.scale);
    const minimum = this.units.map((u) => (u.town ? minzheng + 2 : 1));
    const total = Math.max(minimum.reduce((a, c) => a + c, 0), Math.round(SHARE_OF_ADULTS * adults));
    const townWeight = district.towns.map((t) => candidates[t.index].length + 1);
    const townSum = townWeight.reduce((a, c) => a + c, 0);
    const deptSum = DEPARTMENTS.reduce((a, d) => a + d[1], 0);
    const counts = this.units.map((u, k) => {
      const share = u.town ? (TOWN_SHARE * townWeight[u.town.index]) / townSum : ((1 - TOWN_SHARE) * DEPARTMENTS[k - district.towns.length][1]) / deptSum;
      return Math.max(minimum[k], Math.round(share * total));
    });

    for (const unit of this.units) {
      const members: number[] = [];
      for (let n = 0; n < counts[unit.index]; n++) {
        let p = unit.town && rng.chance(LOCAL) ? next(candidates[unit.town.index]) : -1;
        if (p < 0) p = next(all);
        if (p < 0) break;
        taken[p] = 1;
        members.push(p);
      }
      members.forEach((p, k) => {
        const rank = rankAt(k, members.length);
        this.add({ person: p, unit: unit.index, rank, position: positionFor(unit, rank, rng), joined: this.joinDay(rng, p), minzheng: false, planted: false });
      });
      if (unit.town) {
        // The 社会事务办: its head and the 民政 assistants, from the most junior up, never the town's head.
        const staff = this.officials.filter((o) => o.unit === unit.index).slice(1);
        staff.slice(-minzheng).forEach((o, k) => {
          o.minzheng = true;
          o.rank = k === 0 ? '正科' : '科员';
          o.position = k === 0 ? '社会事务办主任' : '民政助理员';
        });
      }
    }
  }

  /** A day the person joined the civil service: mostly at 22–32, some in the last three years. */
  joinDay(rng: Rng, p: number): number {
    const birth = this.b.pop.people.birth[p];
    const earliest = addYears(birth, 22);
    const latest = this.b.asOf - 60;
    if (rng.chance(RECENT_JOINERS)) {
      const from = Math.max(earliest, this.b.asOf - 1000);
      if (from < latest) return rng.range(from, latest);
    }
    const day = addYears(birth, rng.uniform(22, 32));
    return Math.min(day, latest);
  }

  add(o: Official): Official {
    this.officials.push(o);
    this.byPerson.set(o.person, o);
    return o;
  }

  of(p: number): Official | undefined {
    return this.byPerson.get(p);
  }

  townUnit(townIndex: number): Unit {
    return this.units[this.townUnits[townIndex]];
  }

  /** The natural 民政 officials of a town (approvers of its subsidies). */
  minzheng(townIndex: number): Official[] {
    const unit = this.townUnits[townIndex];
    let list = this.minzhengCache.get(unit);
    if (!list) this.minzhengCache.set(unit, (list = this.officials.filter((o) => o.unit === unit && o.minzheng && !o.planted)));
    return list;
  }

  /** Who signs off a unit's contracts: its natural officials from 副科 up, else any of them. */
  approvers(unit: number): Official[] {
    let list = this.approverCache.get(unit);
    if (!list) {
      const all = this.officials.filter((o) => o.unit === unit && !o.planted && !o.minzheng);
      const senior = all.filter((o) => o.rank !== '科员');
      list = senior.length > 0 ? senior : all.length > 0 ? all : this.officials.filter((o) => o.unit === unit && !o.planted);
      this.approverCache.set(unit, list);
    }
    return list;
  }

  /** Someone who may be made an official by a planted case: 25–60, alive, not on 低保, not yet an official. */
  eligible(p: number): boolean {
    return this.b.aged(p, 25, 60) && !this.b.dibao[p] && !this.byPerson.has(p);
  }
}

function rankAt(k: number, n: number): Rank {
  if (k === 0) return '正处';
  const deputies = Math.max(1, Math.round(n * 0.08));
  if (k <= deputies) return '副处';
  if (k <= deputies + Math.round(n * 0.15)) return '正科';
  if (k <= deputies + Math.round(n * 0.35)) return '副科';
  return '科员';
}

const TOWN_OFFICES = ['党政办', '经济发展办', '农业农村办', '平安办', '村镇建设办'];
const DEPT_SECTIONS = ['办公室', '综合科', '计划财务科', '政策法规科', '业务科'];

export function positionFor(unit: Unit, rank: Rank, rng: Rng): string {
  if (unit.town) {
    const head = unit.town.subdistrict ? '主任' : '镇长';
    if (rank === '正处') return head;
    if (rank === '副处') return `副${head}`;
    const office = rng.pick(TOWN_OFFICES);
    return rank === '正科' ? `${office}主任` : rank === '副科' ? `${office}副主任` : '科员';
  }
  const head = unit.name.endsWith('局') ? '局长' : unit.name.endsWith('部') ? '部长' : unit.name.endsWith('委员会') ? '书记' : '主任';
  if (rank === '正处') return head;
  if (rank === '副处') return `副${head}`;
  const section = rng.pick(DEPT_SECTIONS);
  const chief = section === '办公室' ? '主任' : '科长';
  return rank === '正科' ? `${section}${chief}` : rank === '副科' ? `${section}副${chief}` : '科员';
}
