/**
 * Business keys, assigned once every record (natural and planted) exists, in date order the way
 * each department's system issues them: 不动产权证号 per year, 公租房 contract numbers, payment
 * serials per month and town, tender, bid, consortium and contract numbers, 组织部 approval numbers,
 * and border record numbers per day. Lists a file is written in date order are sorted here.
 */
import { compactDate, yearOf } from '../dates.js';
import type { SupervisionFacts } from './types.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Numbers items in `order`, restarting the serial whenever `group` changes. */
function serials<T>(items: T[], order: (a: T, b: T) => number, group: (x: T) => string, assign: (x: T, group: string, serial: number) => void): void {
  const sorted = [...items].sort(order);
  const next = new Map<string, number>();
  for (const x of sorted) {
    const g = group(x);
    const n = (next.get(g) ?? 0) + 1;
    next.set(g, n);
    assign(x, g, n);
  }
}

export function assignNumbers(f: Omit<SupervisionFacts, 'asOf' | 'plants'>): void {
  serials(
    f.properties,
    (a, b) => a.registered - b.registered,
    (p) => String(yearOf(p.registered)),
    (p, y, n) => {
      const year = Number(y);
      p.no = year >= 2016 ? `浙(${year})临安${year >= 2017 ? '区' : '市'}不动产权第${pad(n, 7)}号` : `临房权证字第${year}${pad(n, 5)}号`;
    },
  );
  serials(f.leases, (a, b) => a.start - b.start, (l) => String(yearOf(l.start)), (l, y, n) => (l.no = `GZF-${y}-${pad(n, 4)}`));

  f.payments.sort((a, b) => a.paid - b.paid || a.town.index - b.town.index || a.recipient - b.recipient || a.type.localeCompare(b.type));
  serials(
    f.payments,
    () => 0,
    (p) => `${compactDate(p.paid).slice(0, 6)}${p.town.code.slice(6)}`,
    (p, g, n) => (p.no = `JZ${g}${pad(n, 5)}`),
  );

  serials(f.tenders, (a, b) => a.date - b.date, (t) => String(yearOf(t.date)), (t, y, n) => (t.no = `LAZB-${y}-${pad(n, 4)}`));
  const perTender = new Map<string, number>();
  for (const bid of f.bids) {
    const k = (perTender.get(bid.tender.no) ?? 0) + 1;
    perTender.set(bid.tender.no, k);
    bid.no = `${bid.tender.no}-${pad(k, 2)}`;
    bid.consortium = bid.group > 0 ? `LHT-${bid.tender.no.slice(5)}-${pad(bid.group, 3)}` : '';
  }
  f.bids.sort((a, b) => a.tender.date - b.tender.date || a.no.localeCompare(b.no));

  f.contracts.sort((a, b) => a.signed - b.signed || a.unit - b.unit || a.amount - b.amount);
  serials(f.contracts, () => 0, (c) => String(yearOf(c.signed)), (c, y, n) => (c.no = `LACG-${y}-${pad(n, 5)}`));

  f.approvals.sort((a, b) => a.from - b.from || a.person - b.person);
  serials(f.approvals, () => 0, (a) => String(yearOf(a.from)), (a, y, n) => (a.no = `临组因私〔${y}〕${pad(n, 4)}号`));

  f.crossings.sort((a, b) => a.date - b.date || a.person - b.person || Number(b.exit) - Number(a.exit));
  serials(f.crossings, () => 0, (c) => compactDate(c.date), (c, d, n) => (c.no = `CRJ${d}${pad(n, 5)}`));
}
