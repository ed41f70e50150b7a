/** Identifiers the truth files use for people and enterprises (stable for a given seed and scale). */

export function personId(index: number): string {
  return 'P' + String(index + 1).padStart(7, '0');
}

export function enterpriseId(index: number): string {
  return 'E' + String(index + 1).padStart(6, '0');
}

/** Persons in marriage records who are not in the person table (truth/other-persons.csv). */
export function otherPersonId(index: number): string {
  return 'X' + String(index + 1).padStart(7, '0');
}

/** A person reference as marriages.ts encodes it: a resident index, or `~k` for an other person. */
export function partyId(ref: number): string {
  return ref >= 0 ? personId(ref) : otherPersonId(~ref);
}

export function marriageId(index: number): string {
  return 'M' + String(index + 1).padStart(7, '0');
}
