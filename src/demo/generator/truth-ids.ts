/** Identifiers the truth files use for people and enterprises (stable for a given seed and scale). */

export function personId(index: number): string {
  return 'P' + String(index + 1).padStart(7, '0');
}

export function enterpriseId(index: number): string {
  return 'E' + String(index + 1).padStart(6, '0');
}
