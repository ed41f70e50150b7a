import { randomBytes } from 'node:crypto';
import type { AuditService } from '../audit/audit.service.js';
import type { PersonalDataCipher } from '../crypto/index.js';
import type { Db } from '../db/transaction.js';
import { withTransaction } from '../db/transaction.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.js';
import { maskPhone, parsePhone } from '../ids/index.js';
import type { AuthService } from './auth.service.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';
import { can, scopeRegion, type Principal, type Scope } from './principal.js';
import { isRole, SCOPE_KINDS, type ScopeKind } from './roles.js';
import { deleteUserSessions } from './session.store.js';
import { countUsers, findUserById, findUserByUsername, insertUser, listUsers, updateUser } from './user.store.js';

export interface ScopeResolver {
  /** The display name of a scope's region or department, or null when the code does not exist. */
  scopeName(scope: Scope): Promise<string | null>;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: string;
  scope: Scope;
  phone?: string | null;
}

export interface UserPatch {
  displayName?: string;
  role?: string;
  scope?: Scope;
  locked?: boolean;
  password?: string;
}

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

/** Console users: their roles and scopes, and their phone numbers kept encrypted. */
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
    private readonly scopes: ScopeResolver,
    private readonly auth: AuthService,
  ) {}

  async create(actor: Principal | null, input: NewUser) {
    const fields: Record<string, string> = {};
    if (!/^[a-zA-Z0-9_.\-]{3,32}$/.test(input.username ?? '')) fields.username = '3-32 letters, digits, _ . -';
    if (!input.displayName?.trim() || input.displayName.length > 64) fields.displayName = '1-64 characters';
    if (!isRole(input.role)) fields.role = `unknown role ${String(input.role).slice(0, 40)}`;
    let phone: string | null = null;
    if (input.phone) {
      const p = parsePhone(input.phone);
      if (p.ok) phone = p.phone;
      else fields.phone = p.detail;
    }
    if (Object.keys(fields).length) throw new Invalid('用户信息不合法 (invalid user)', fields);
    checkPasswordPolicy(input.password);
    await this.checkScope(actor, input.scope);
    if (await findUserByUsername(this.db, input.username)) throw new Conflict('用户名已存在 (username taken)', 'username_taken');
    const passwordHash = await hashPassword(input.password);
    // The view is built after commit: PGlite has one connection, which the transaction holds.
    const created = await withTransaction(this.db, async (tx) => {
      const row = await insertUser(tx, {
        username: input.username,
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        role: input.role,
        scope_kind: input.scope.kind,
        scope_code: input.scope.code,
        phone_enc: phone ? this.cipher.encrypt(phone) : null,
        phone_hash: phone ? this.cipher.hash('phone', phone) : null,
      });
      await this.audit.record({ actor: actor?.name ?? 'system', action: 'user.create', target: `user:${row.id}`, detail: { username: row.username, role: row.role, scope: input.scope } }, tx);
      return row;
    });
    return this.view(created);
  }

  async list(actor: Principal, q: string | undefined, page: number, pageSize: number) {
    const regionPrefix = actor.scope.kind === 'district' ? null : scopeRegion(actor.scope) ?? '\u0000';
    const { items, total } = await listUsers(this.db, { q, regionPrefix }, (page - 1) * pageSize, pageSize);
    // Users share a handful of scopes: name each once, not once per row.
    const names = new Map<string, Promise<string | null>>();
    const nameOf = (scope: Scope) => {
      const k = `${scope.kind}:${scope.code}`;
      if (!names.has(k)) names.set(k, this.scopes.scopeName(scope));
      return names.get(k)!;
    };
    return { items: await Promise.all(items.map((r) => this.view(r, nameOf))), total };
  }

  async update(actor: Principal, id: string, patch: UserPatch) {
    const row = await this.mustFind(actor, id);
    const fields: Record<string, string> = {};
    if (patch.role !== undefined && !isRole(patch.role)) fields.role = `unknown role ${String(patch.role).slice(0, 40)}`;
    if (patch.displayName !== undefined && (!patch.displayName.trim() || patch.displayName.length > 64)) fields.displayName = '1-64 characters';
    if (Object.keys(fields).length) throw new Invalid('用户信息不合法 (invalid user)', fields);
    if (patch.scope) await this.checkScope(actor, patch.scope);
    if (patch.password !== undefined) checkPasswordPolicy(patch.password);
    if (row.id === actor.id && (patch.locked || (patch.role && patch.role !== row.role))) {
      throw new Invalid('不能锁定自己或修改自己的角色 (cannot lock yourself or change your own role)', { role: 'self' });
    }
    const updated = await withTransaction(this.db, async (tx) => {
      const u = await updateUser(tx, id, {
        ...(patch.displayName !== undefined ? { display_name: patch.displayName.trim() } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.scope ? { scope_kind: patch.scope.kind, scope_code: patch.scope.code } : {}),
        ...(patch.locked !== undefined ? { locked: patch.locked, failed_logins: 0, locked_until: null } : {}),
        ...(patch.password !== undefined ? { password_hash: await hashPassword(patch.password) } : {}),
      });
      // A lock, role or password change ends the user's sessions at once.
      if (patch.locked || patch.role || patch.scope || patch.password) await deleteUserSessions(tx, id);
      const changed = Object.keys(patch).filter((k) => k !== 'password');
      if (patch.password !== undefined) changed.push('password');
      await this.audit.record({ actor: actor.name, action: 'user.update', target: `user:${id}`, detail: { changed } }, tx);
      return u!;
    });
    this.auth.forgetCached();
    return this.view(updated);
  }

  /** The whole phone number; needs `personal.reveal` and a stated purpose, and is audited. */
  async reveal(actor: Principal, id: string, field: string, purpose: string, ip: string | null) {
    if (field !== 'phone') throw new Invalid('不支持的字段 (unsupported field)', { field: 'only phone' });
    if (!purpose?.trim()) throw new Invalid('请说明查看用途 (purpose required)', { purpose: 'required' });
    if (!can(actor, 'personal.reveal')) throw new Forbidden();
    const row = await this.mustFind(actor, id);
    await this.audit.record({ actor: actor.name, action: 'personal.reveal', target: `user:${id}`, ip, detail: { field, purpose: purpose.slice(0, 200) } });
    return { value: row.phone_enc ? this.cipher.decrypt(row.phone_enc) : null };
  }

  /** Creates the first administrator when there is no user at all; returns the password when generated. */
  async ensureAdmin(password: string | null): Promise<{ created: boolean; username: string; password: string | null }> {
    if ((await countUsers(this.db)) > 0) return { created: false, username: 'admin', password: null };
    const generated = password ?? randomBytes(12).toString('base64url');
    await this.create(null, {
      username: 'admin',
      displayName: '系统管理员',
      password: generated,
      role: 'admin',
      scope: { kind: 'district', code: await this.districtCode() },
    });
    return { created: true, username: 'admin', password: password ? null : generated };
  }

  private async districtCode(): Promise<string> {
    const r = await this.db.selectFrom('region').select('code').where('level', '=', 'district').executeTakeFirst();
    return r?.code ?? '330112';
  }

  private async mustFind(actor: Principal, id: string): Promise<UserRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFound('用户不存在 (no such user)');
    const row = await findUserById(this.db, id);
    if (!row) throw new NotFound('用户不存在 (no such user)');
    if (actor.scope.kind !== 'district' && !row.scope_code.startsWith(actor.scope.code)) throw new Forbidden('超出数据权限范围 (outside your scope)', 'out_of_scope');
    return row;
  }

  private async checkScope(actor: Principal | null, scope: Scope): Promise<void> {
    if (!scope || !(SCOPE_KINDS as readonly string[]).includes(scope.kind)) {
      throw new Invalid('数据范围不合法 (invalid scope)', { 'scope.kind': `one of ${SCOPE_KINDS.join(', ')}` });
    }
    if ((await this.scopes.scopeName(scope)) === null) throw new Invalid('数据范围不存在 (unknown scope)', { 'scope.code': `no ${scope.kind} ${String(scope.code).slice(0, 20)}` });
    // A scoped administrator can only hand out scopes inside its own.
    if (actor && actor.scope.kind !== 'district' && !scope.code.startsWith(actor.scope.code)) {
      throw new Forbidden('不能授予超出自身范围的权限 (cannot grant a wider scope)', 'out_of_scope');
    }
  }

  private async view(r: UserRow, nameOf: (scope: Scope) => Promise<string | null> = (sc) => this.scopes.scopeName(sc)) {
    const scope = { kind: r.scope_kind as ScopeKind, code: r.scope_code };
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      scope: { ...scope, name: (await nameOf(scope)) ?? r.scope_code },
      phoneMasked: r.phone_enc ? maskPhone(this.cipher.decrypt(r.phone_enc)) : null,
      locked: r.locked || (r.locked_until ? new Date(r.locked_until) > new Date() : false),
      lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }
}
