/**
 * The procurement, officials and border models (9–16) evaluated on the facts with true
 * identities. Approvers are officials by ID number; kinship is what the files show (kinship.ts).
 */
import type { Population } from '../population.js';
import type { Hit } from './evaluate-livelihood.js';
import type { Kinship } from './kinship.js';
import type { Bid, Contract, Official, SupervisionFacts } from './types.js';

export const TENDER_LINE_YUAN = 4_000_000;
export const SPLIT_WINDOW_DAYS = 90;
export const CUSTODY_GRACE_DAYS = 30;

function groupBy<T>(rows: T[], key: (r: T) => string | number): Map<string | number, T[]> {
  const m = new Map<string | number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const sameConsortium = (a: Bid, b: Bid) => a.consortium !== '' && a.consortium === b.consortium;

export function evaluateIntegrity(pop: Population, f: SupervisionFacts, kin: Kinship, hit: (h: Hit) => void): void {
  const { enterprises } = pop;
  const officials = new Map<number, Official>(f.officials.map((o) => [o.person, o]));
  const rep = (e: number) => enterprises[e].legalRep;

  for (const bids of groupBy(f.bids, (b) => b.tender.no).values()) {
    for (let i = 0; i < bids.length; i++) {
      for (let j = i + 1; j < bids.length; j++) {
        const a = bids[i];
        const b = bids[j];
        if (a.bidder === b.bidder || sameConsortium(a, b)) continue;
        if (rep(a.bidder) === rep(b.bidder)) hit({ model: 'engineering.bidders-share-rep', subject: rep(a.bidder), key: a.tender.no });
        if ((a.phone !== '' && a.phone === b.phone) || (a.address !== '' && a.address === b.address)) {
          const first = enterprises[a.bidder].creditCode < enterprises[b.bidder].creditCode ? a.bidder : b.bidder;
          hit({ model: 'engineering.bidders-share-contact', subject: first, enterprise: true, key: a.tender.no });
        }
      }
    }
  }

  for (const c of f.contracts) {
    if (!c.recused && officials.has(c.approver) && kin.isRelative(c.approver, rep(c.contractor))) {
      hit({ model: 'engineering.approver-relative', subject: c.approver, key: c.no });
    }
  }

  const unitCode = (u: number) => f.units[u].code;
  const split = f.contracts.filter((c) => c.category === '工程' && c.method !== '公开招标' && c.amount < TENDER_LINE_YUAN);
  for (const group of groupBy(split, (c) => `${unitCode(c.unit)}|${c.contractor}`).values()) {
    const sorted = [...group].sort((a, b) => a.signed - b.signed);
    for (let i = 0; i < sorted.length; i++) {
      let sum = 0;
      let n = 0;
      for (let j = i; j < sorted.length && sorted[j].signed - sorted[i].signed <= SPLIT_WINDOW_DAYS; j++) {
        sum += sorted[j].amount;
        n++;
      }
      if (n >= 2 && sum >= TENDER_LINE_YUAN) hit({ model: 'engineering.split-contracts', subject: sorted[i].contractor, enterprise: true, key: sorted[i].no });
    }
  }

  const byContractor = groupBy(f.contracts, (c) => c.contractor);
  const byRep = groupBy(enterprises, (e) => e.legalRep);
  for (const o of f.officials) {
    for (const person of [o.person, ...kin.spouses(o.person)]) {
      for (const e of byRep.get(person) ?? []) {
        for (const c of (byContractor.get(e.index) ?? []) as Contract[]) {
          if (unitCode(c.unit) === unitCode(o.unit) && c.signed >= o.joined) hit({ model: 'officials.enterprise-contracts-own-unit', subject: o.person, key: c.no });
        }
      }
    }
  }

  for (const p of f.payments) {
    if (officials.has(p.approver) && kin.isRelative(p.approver, p.recipient)) hit({ model: 'officials.relative-subsidy-approved', subject: p.approver, key: p.no });
  }

  const approvals = groupBy(f.approvals, (a) => a.person);
  for (const c of f.crossings) {
    const o = officials.get(c.person);
    if (!o || !c.exit || c.docType === '公务护照' || c.date <= o.joined) continue;
    const covered = (approvals.get(c.person) ?? []).some((a) => a.from <= c.date && c.date <= a.to);
    if (!covered) hit({ model: 'border.exit-without-approval', subject: c.person, key: c.no });
  }

  const held = new Set(f.custody.filter((c) => c.held).map((c) => c.doc.no));
  for (const d of f.documents) {
    if (officials.has(d.holder) && d.valid && f.asOf - d.issued > CUSTODY_GRACE_DAYS && !held.has(d.no)) {
      hit({ model: 'border.passport-not-in-custody', subject: d.holder, key: d.no });
    }
  }
}
