/**
 * Planted cases and look-alikes of the border models: an official leaving on a private document
 * without an approval covering the day (15), and an official's valid document not in custody (16).
 */
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { Border } from './border.js';
import type { OfficialRoster } from './officials.js';
import { DOC_TYPES, type DocType, type Official, type TravelDoc } from './types.js';

export function plantBorder(b: SupervisionBase, roster: OfficialRoster, border: Border, rng: Rng): void {
  const { asOf } = b;
  const docs = new Map<number, TravelDoc[]>();
  for (const d of border.documents) {
    const list = docs.get(d.holder);
    if (list) list.push(d);
    else docs.set(d.holder, [d]);
  }
  const held = new Set(border.custody.filter((c) => c.held).map((c) => c.doc));
  const validDocs = (o: Official) => (docs.get(o.person) ?? []).filter((d) => d.valid);
  const pool = rng.shuffle(roster.officials.filter((o) => !o.planted));
  const take = (ok: (o: Official) => boolean) => {
    const k = pool.findIndex(ok);
    return k < 0 ? undefined : pool.splice(k, 1)[0];
  };
  const windows = (p: number) => border.approvals.filter((a) => a.person === p);
  const free = (p: number, day: number, days: number) => windows(p).every((a) => day + days < a.from || day > a.to);

  let model: 'border.exit-without-approval' | 'border.passport-not-in-custody' = 'border.exit-without-approval';
  const settled = (o: Official) => o.joined < asOf - 400 && validDocs(o).some((d) => held.has(d) && d.issued < asOf - 300);
  for (let k = 0; k < b.cases; k++) {
    const o = take(settled);
    if (!o) break;
    const doc = validDocs(o).find((d) => held.has(d) && d.issued < asOf - 300)!;
    const from = Math.max(o.joined + 60, doc.issued + 30, asOf - 600);
    let day = rng.range(from, asOf - 20);
    for (let t = 0; t < 20 && !free(o.person, day, 12); t++) day = rng.range(from, asOf - 20);
    const days = rng.range(3, 9);
    const { destination, out } = border.trip(rng, o.person, doc.type, doc.no, day, days);
    let note = `planted: left on ${doc.type} with no approval`;
    if (k % 2 === 1) {
      // Approved for other dates: the trip falls outside the window.
      const start = day + rng.range(20, 60);
      border.approve(o.person, destination, start, start + rng.range(5, 10));
      note = `planted: left on ${doc.type} outside the approved dates`;
    }
    b.plant({ model, subject: o.person, kind: 'case', row: out, note });
  }
  const n = b.perKind(3);
  for (let k = 0; k < n; k++) {
    const o = take(settled);
    if (!o) break;
    const doc = validDocs(o).find((d) => held.has(d) && d.issued < asOf - 300)!;
    const out = border.approvedTrip(rng, o.person, doc, rng.range(Math.max(o.joined + 60, doc.issued + 30, asOf - 600), asOf - 20), rng.range(4, 9));
    b.plant({ model, subject: o.person, kind: 'lookalike', row: out, note: 'lookalike: trip within an approval' });
  }
  for (let k = 0; k < n; k++) {
    const o = take((x) => x.joined < asOf - 200);
    if (!o) break;
    const { out } = border.trip(rng, o.person, '公务护照', border.number(rng, '公务护照'), rng.range(Math.max(o.joined + 30, asOf - 600), asOf - 20), rng.range(5, 10));
    b.plant({ model, subject: o.person, kind: 'lookalike', row: out, note: 'lookalike: official trip on a 公务护照' });
  }
  for (let k = 0; k < n; k++) {
    const o = take((x) => x.joined > asOf - 900 && x.joined > b.pop.people.birth[x.person] + 9000);
    if (!o) break;
    let doc = validDocs(o).find((d) => d.issued < o.joined - 200 && held.has(d));
    if (!doc) {
      const type = DOC_TYPES.find((t) => !validDocs(o).some((d) => d.type === t));
      if (!type) continue;
      doc = border.issue(rng, o.person, type, o.joined - rng.range(300, 900));
      border.handIn(doc, o.joined + rng.range(5, 20));
    }
    const from = Math.max(doc.issued + 10, asOf - 1200);
    if (from >= o.joined - 15) continue;
    const { out } = border.trip(rng, o.person, doc.type, doc.no, rng.range(from, o.joined - 15), rng.range(3, 8));
    b.plant({ model, subject: o.person, kind: 'lookalike', row: out, note: 'lookalike: crossing before the official joined' });
  }

  model = 'border.passport-not-in-custody';
  const newType = (o: Official): DocType | undefined => DOC_TYPES.find((t) => !validDocs(o).some((d) => d.type === t));
  for (let k = 0; k < b.cases; k++) {
    if (k % 2 === 0) {
      const o = take((x) => newType(x) !== undefined);
      if (!o) break;
      const doc = border.issue(rng, o.person, newType(o)!, asOf - rng.range(60, 900));
      b.plant({ model, subject: o.person, kind: 'case', row: doc, note: `planted: ${doc.type} issued ${asOf - doc.issued} days ago, never handed in` });
    } else {
      const o = take((x) => validDocs(x).some((d) => held.has(d)));
      if (!o) break;
      const doc = validDocs(o).find((d) => held.has(d))!;
      for (const c of border.custody) if (c.doc === doc) c.held = false;
      b.plant({ model, subject: o.person, kind: 'case', row: doc, note: `planted: ${doc.type} taken out of custody (已领取) and kept` });
    }
  }
  for (let k = 0; k < n; k++) {
    const o = take((x) => newType(x) !== undefined);
    if (!o) break;
    const doc = border.issue(rng, o.person, newType(o)!, asOf - rng.range(60, 400));
    border.handIn(doc, Math.min(asOf - 5, doc.issued + rng.range(3, 20)));
    b.plant({ model, subject: o.person, kind: 'lookalike', row: doc, note: 'lookalike: new document handed in' });
  }
  for (let k = 0; k < n; k++) {
    const o = take((x) => newType(x) !== undefined);
    if (!o) break;
    const doc = border.issue(rng, o.person, newType(o)!, asOf - rng.range(3, 25));
    b.plant({ model, subject: o.person, kind: 'lookalike', row: doc, note: `lookalike: issued ${asOf - doc.issued} days ago (within 30)` });
  }
  for (let k = 0; k < n; k++) {
    const o = take((x) => newType(x) !== undefined);
    if (!o) break;
    const doc = border.issue(rng, o.person, newType(o)!, asOf - rng.range(400, 2000), false);
    b.plant({ model, subject: o.person, kind: 'lookalike', row: doc, note: 'lookalike: 作废 document not in custody' });
  }
}
