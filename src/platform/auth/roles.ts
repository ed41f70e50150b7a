export const ROLES = [
  'admin',
  'data_steward',
  'analyst',
  'town_operator',
  'grid_worker',
  'window_staff',
  'clinician',
  'inspector',
  'discipline_inspector',
  'leader',
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_KINDS = ['district', 'town', 'village', 'department'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

const EVERYONE: readonly Role[] = ROLES;

/**
 * Which roles hold each permission. Deny by default: a permission not listed here is held by nobody.
 * Modules add their own permissions with `registerPermissions` when they load.
 */
const matrix = new Map<string, Set<Role>>();

export function registerPermissions(entries: Record<string, readonly Role[]>): void {
  for (const [perm, roles] of Object.entries(entries)) {
    const set = matrix.get(perm) ?? new Set<Role>();
    for (const r of roles) set.add(r);
    matrix.set(perm, set);
  }
}

registerPermissions({
  'region.read': EVERYONE,
  'org.read': EVERYONE,
  'user.read': ['admin'],
  'user.manage': ['admin'],
  'apikey.manage': ['admin'],
  // Seeing an ID number or phone whole: only roles whose work needs it, and every use is audited.
  'personal.reveal': ['admin', 'data_steward', 'window_staff', 'clinician', 'inspector', 'discipline_inspector'],
  'audit.read': ['admin', 'discipline_inspector'],
  'audit.verify': ['admin'],
  'job.read': ['admin', 'data_steward', 'analyst'],
  'job.manage': ['admin', 'data_steward'],
});

export function permissionsOf(role: string): string[] {
  const out: string[] = [];
  for (const [perm, roles] of matrix) if (roles.has(role as Role)) out.push(perm);
  return out.sort();
}

export function roleHas(role: string, permission: string): boolean {
  return matrix.get(permission)?.has(role as Role) ?? false;
}

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}
