import { roleHas, type ScopeKind } from './roles.js';

export interface Scope {
  kind: ScopeKind;
  /** District 6 digits, town 9, village 12; a department's org code. */
  code: string;
}

/** Who is asking: a console user (session cookie) or a machine client (API token). */
export interface Principal {
  kind: 'user' | 'token';
  id: string;
  /** Username, or `token:<name>` — what the audit log records as the actor. */
  name: string;
  displayName: string;
  role: string;
  scope: Scope;
  /** Set for cookie sessions: mutating requests must then carry the CSRF header. */
  sessionHash?: string;
}

export function can(p: Principal, permission: string): boolean {
  return roleHas(p.role, permission);
}

/**
 * Whether the principal's scope covers a region code. Region codes nest by prefix (330112 ⊃
 * 330112001 ⊃ 330112001001 ⊃ its grids), so containment is a prefix test. Department users hold
 * no regional scope of their own: their access to regional data comes from grants.
 */
export function scopeCovers(scope: Scope, regionCode: string): boolean {
  if (scope.kind === 'department') return false;
  return regionCode.startsWith(scope.code);
}

/** The region code a principal's queries are confined to, or null for department scope. */
export function scopeRegion(scope: Scope): string | null {
  return scope.kind === 'department' ? null : scope.code;
}
