/** A change to the set of files, with the records it concerns. */
export interface EntityChange {
  kind: 'created' | 'merged' | 'split' | 'moved';
  /** The entity that exists after the change (a new one is `new:<n>` until it gets its id). */
  entity: string;
  other: string | null;
  records: number[];
}

export interface Assignment {
  /** For every clustered record, the entity it belongs to (existing id or `new:<n>`). */
  entityOf: Map<number, string>;
  changes: EntityChange[];
  /** Entities that still have records, by their (old or new) id. */
  entities: Set<string>;
}

/**
 * Maps fresh clusters onto existing entity ids so that files keep their ids across runs. Larger
 * clusters choose first; each takes the entity most of its records already had, if no larger
 * cluster took it. What is left gets a new id. Every departure from the previous assignment is
 * reported: a whole entity absorbed into another (merged), part of one moving (moved), or a cluster
 * carved out of an existing entity (split).
 */
export function assignEntities(clusters: number[][], previous: ReadonlyMap<number, string | null>): Assignment {
  // Each cluster's lowest record id once, not per comparison of the sort.
  const lowest = clusters.map((c) => c.reduce((m, r) => (r < m ? r : m), Infinity));
  const order = clusters.map((c, i) => i).sort((a, b) => clusters[b].length - clusters[a].length || lowest[a] - lowest[b]);
  const previousSize = new Map<string, number>();
  for (const e of previous.values()) if (e) previousSize.set(e, (previousSize.get(e) ?? 0) + 1);

  const claimed = new Set<string>();
  const entityOf = new Map<number, string>();
  const changes: EntityChange[] = [];
  let fresh = 0;
  for (const i of order) {
    const members = clusters[i];
    const counts = new Map<string, number>();
    for (const r of members) {
      const e = previous.get(r);
      if (e) counts.set(e, (counts.get(e) ?? 0) + 1);
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const taken = ranked.find(([e]) => !claimed.has(e))?.[0];
    const id = taken ?? `new:${fresh++}`;
    if (taken) claimed.add(taken);
    for (const r of members) entityOf.set(r, id);

    if (!taken) {
      const origin = ranked[0]?.[0] ?? null;
      changes.push({ kind: origin ? 'split' : 'created', entity: id, other: origin, records: [...members] });
    }
    for (const [e, n] of ranked) {
      if (e === id || (!taken && e === ranked[0][0])) continue;
      const recs = members.filter((r) => previous.get(r) === e);
      // The whole of another entity came over: that entity is merged into this one.
      const whole = n === previousSize.get(e) && !claimed.has(e);
      changes.push({ kind: whole ? 'merged' : 'moved', entity: id, other: e, records: recs });
    }
  }
  return { entityOf, changes, entities: new Set(entityOf.values()) };
}
