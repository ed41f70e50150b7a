/**
 * Travel documents (出入境证件), their custody for officials (证照集中保管), private-travel
 * approvals (因私出国(境)审批) and border crossings (出入境记录). A few residents in a hundred hold
 * a passport or a pass for Hong Kong and Macao and some travel. Officials hand their private
 * documents in after issue (or on joining), take them out for a trip the 组织部 approved, and
 * bring them back; senior officials sometimes travel on a service passport (公务护照), which
 * needs no private approval. An expired or replaced document is 作废 and usually returned (已领取).
 */
import { addYears } from '../dates.js';
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { OfficialRoster } from './officials.js';
import type { Crossing, Custody, DocType, ExitApproval, Official, TravelDoc } from './types.js';
import { DESTINATIONS, PORTS } from './words.js';

const RESIDENT_RATES: Record<DocType, number> = { 普通护照: 0.035, 往来港澳通行证: 0.025, 往来台湾通行证: 0.003 };
const OFFICIAL_RATES: Record<DocType, number> = { 普通护照: 0.5, 往来港澳通行证: 0.4, 往来台湾通行证: 0.05 };
const PREFIX: Record<DocType | '公务护照', string> = { 普通护照: 'E', 往来港澳通行证: 'C', 往来台湾通行证: 'T', 公务护照: 'SE' };

export class Border {
  readonly documents: TravelDoc[] = [];
  readonly custody: Custody[] = [];
  readonly approvals: ExitApproval[] = [];
  readonly crossings: Crossing[] = [];
  private readonly numbers = new Set<string>();

  constructor(private readonly b: SupervisionBase) {}

  number(rng: Rng, type: DocType | '公务护照'): string {
    const digits = type === '公务护照' ? 7 : 8;
    for (;;) {
      const no = PREFIX[type] + String(rng.int(10 ** digits)).padStart(digits, '0');
      if (!this.numbers.has(no)) {
        this.numbers.add(no);
        return no;
      }
    }
  }

  /** A document issued on `issued`; valid for ten years (five for children), 作废 once expired. */
  issue(rng: Rng, holder: number, type: DocType, issued: number, valid?: boolean): TravelDoc {
    const years = this.b.age(holder, issued) < 16 ? 5 : 10;
    const expires = addYears(issued, years) - 1;
    const doc: TravelDoc = { no: this.number(rng, type), holder, type, issued, expires, valid: valid ?? expires >= this.b.asOf };
    this.documents.push(doc);
    return doc;
  }

  handIn(doc: TravelDoc, day: number, held = true): Custody {
    const c: Custody = { doc, handedIn: day, held };
    this.custody.push(c);
    return c;
  }

  approve(person: number, destination: string, from: number, to: number): ExitApproval {
    const a: ExitApproval = { no: '', person, destination, from, to };
    this.approvals.push(a);
    return a;
  }

  /** Out on `exit`, back `days` later (if that is before the as-of day). */
  trip(rng: Rng, person: number, type: DocType | '公务护照', docNo: string, exit: number, days: number): { destination: string; out: Crossing } {
    const destination = rng.pick(DESTINATIONS[type === '公务护照' ? '普通护照' : type]);
    const port = rng.pick(PORTS[type]);
    const out: Crossing = { no: '', person, docType: type, docNo, exit: true, date: exit, port };
    this.crossings.push(out);
    const back = exit + days;
    if (back < this.b.asOf) this.crossings.push({ no: '', person, docType: type, docNo, exit: false, date: back, port: rng.chance(0.8) ? port : rng.pick(PORTS[type]) });
    return { destination, out };
  }

  /** An approved private trip: the approval spans it with a few days to spare. */
  approvedTrip(rng: Rng, person: number, doc: TravelDoc, exit: number, days: number): Crossing {
    const { destination, out } = this.trip(rng, person, doc.type, doc.no, exit, days);
    this.approve(person, destination, exit - rng.range(0, 5), exit + days + rng.range(0, 5));
    return out;
  }
}

export function buildBorder(b: SupervisionBase, roster: OfficialRoster, border: Border, rng: Rng): void {
  const { people } = b.pop;
  const { asOf } = b;
  const types = Object.keys(RESIDENT_RATES) as DocType[];
  for (let i = 0; i < people.count; i++) {
    if (!b.aged(i, 18, 70) || roster.of(i)) continue;
    for (const type of types) {
      if (!rng.chance(RESIDENT_RATES[type])) continue;
      const doc = border.issue(rng, i, type, rng.range(asOf - 4400, asOf - 10));
      if (doc.valid && rng.chance(0.02)) doc.valid = false;
      if (!doc.valid || !rng.chance(0.25)) continue;
      const trips = rng.chance(0.3) ? 2 : 1;
      const from = Math.max(doc.issued + 5, asOf - 730);
      for (let k = 0; k < trips && from < asOf - 3; k++) border.trip(rng, i, type, doc.no, rng.range(from, asOf - 3), rng.range(4, 14));
    }
  }
  for (const o of roster.officials) officialTravel(b, border, o, rng);
}

/** An official's documents, their custody and trips: every private trip after joining is approved. */
function officialTravel(b: SupervisionBase, border: Border, o: Official, rng: Rng): void {
  const { asOf } = b;
  for (const type of Object.keys(OFFICIAL_RATES) as DocType[]) {
    if (!rng.chance(OFFICIAL_RATES[type])) continue;
    const doc = border.issue(rng, o.person, type, rng.range(asOf - 4400, asOf - 45));
    if (!doc.valid) {
      if (rng.chance(0.6)) border.handIn(doc, Math.max(doc.issued, o.joined) + rng.range(3, 25), false);
      continue;
    }
    const handedIn = Math.min(asOf - 1, Math.max(doc.issued, o.joined) + rng.range(3, 25));
    border.handIn(doc, handedIn);
    if (o.joined > asOf - 1000 && doc.issued < o.joined - 60 && rng.chance(0.4)) {
      // A holiday before joining needed nobody's approval.
      const from = Math.max(doc.issued + 10, asOf - 1000);
      if (from < o.joined - 30) border.trip(rng, o.person, type, doc.no, rng.range(from, o.joined - 30), rng.range(4, 10));
    }
    if (!rng.chance(0.35)) continue;
    const trips = rng.chance(0.4) ? 2 : 1;
    const from = Math.max(o.joined + 30, handedIn + 10, asOf - 730);
    for (let k = 0; k < trips && from < asOf - 30; k++) border.approvedTrip(rng, o.person, doc, rng.range(from, asOf - 30), rng.range(4, 12));
  }
  if (o.rank !== '科员' && o.rank !== '副科' && rng.chance(0.08)) {
    const from = Math.max(o.joined + 30, asOf - 730);
    if (from < asOf - 20) border.trip(rng, o.person, '公务护照', border.number(rng, '公务护照'), rng.range(from, asOf - 20), rng.range(5, 10));
  }
}
