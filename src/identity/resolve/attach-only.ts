/**
 * An incremental run adds records to files; it does not re-decide files. Given clusters over new
 * records and the linked records they were compared with, each cluster's new records join the file
 * most of its linked records belong to (or form a new file), and linked records stay where they
 * are. Clusters that touch two files are reported, for a full run or a reviewer to settle.
 */
export function attachOnly(clusters: number[][], previous: ReadonlyMap<number, string | null>): { clusters: number[][]; bridges: number } {
  const byEntity = new Map<string, number[]>();
  const out: number[][] = [];
  let bridges = 0;
  for (const members of clusters) {
    const counts = new Map<string, number>();
    for (const r of members) {
      const e = previous.get(r);
      if (e) counts.set(e, (counts.get(e) ?? 0) + 1);
    }
    const fresh = members.filter((r) => !previous.get(r));
    if (counts.size === 0) {
      out.push(members);
      continue;
    }
    if (counts.size > 1) bridges++;
    const target = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    for (const r of members) {
      const e = previous.get(r);
      if (e) (byEntity.get(e) ?? byEntity.set(e, []).get(e)!).push(r);
    }
    byEntity.get(target)!.push(...fresh);
  }
  return { clusters: [...out, ...byEntity.values()], bridges };
}
