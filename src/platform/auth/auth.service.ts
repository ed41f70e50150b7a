import type { AuditService } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/transaction.js';
import { Invalid, Locked, NotFound, TooManyRequests, Unauthenticated } from '../errors.js';
import { findLiveToken, insertApiToken, listApiTokens, markTokenUsed, revokeApiToken } from './api-token.store.js';
import { LoginLimiter } from './login-limiter.js';
import { burnVerify, verifyPassword } from './passwords.js';
import type { Principal, Scope } from './principal.js';
import { isRole, type ScopeKind } from './roles.js';
import { deleteSession, findLiveSession, insertSession, touchSession } from './session.store.js';
import { newApiToken, newSessionToken, tokenHash } from './tokens.js';
import { findUserByUsername, updateUser } from './user.store.js';

const CACHE_MS = 10_000;

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

/** Logins, sessions and API tokens. Every failure is audited; nothing says which part was wrong. */
export class AuthService {
  private readonly limiter: LoginLimiter;
  // A short cache spares one query per request; logout and user changes clear it.
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly config: Pick<Config, 'login' | 'sessionTtlHours'>,
  ) {
    this.limiter = new LoginLimiter(config.login.perIpPerMinute);
  }

  async login(input: LoginInput): Promise<{ token: string; expiresAt: Date; principal: Principal }> {
    const { username, ip } = input;
    const wait = this.limiter.take(ip ?? 'unknown');
    if (wait > 0) {
      await this.audit.record({ actor: username, action: 'auth.login', outcome: 'denied', ip, detail: { reason: 'rate_limited' } });
      throw new TooManyRequests('登录尝试过于频繁，请稍后再试 (too many login attempts)', wait);
    }
    const user = await findUserByUsername(this.db, username);
    const now = new Date();
    if (!user) {
      await burnVerify(input.password);
      await this.audit.record({ actor: username, action: 'auth.login', outcome: 'failed', ip, detail: { reason: 'bad_credentials' } });
      throw new Unauthenticated('用户名或密码错误 (invalid username or password)', 'invalid_credentials');
    }
    if (user.locked || (user.locked_until && new Date(user.locked_until) > now)) {
      await this.audit.record({ actor: username, action: 'auth.login', outcome: 'denied', ip, detail: { reason: 'locked' } });
      throw new Locked('账号已锁定，请稍后再试或联系管理员 (account locked)', 'account_locked');
    }
    if (!(await verifyPassword(user.password_hash, input.password))) {
      const failures = user.failed_logins + 1;
      const lock = failures >= this.config.login.maxFailures;
      await updateUser(this.db, user.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? new Date(now.getTime() + this.config.login.lockoutMinutes * 60_000) : user.locked_until,
      });
      await this.audit.record({ actor: username, action: 'auth.login', outcome: 'failed', ip, detail: { reason: 'bad_credentials', failures } });
      if (lock) {
        await this.audit.record({ actor: username, action: 'auth.lockout', outcome: 'denied', ip, detail: { minutes: this.config.login.lockoutMinutes } });
      }
      throw new Unauthenticated('用户名或密码错误 (invalid username or password)', 'invalid_credentials');
    }
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000);
    await insertSession(this.db, { token_hash: tokenHash(token), user_id: user.id, expires_at: expiresAt, ip, user_agent: input.userAgent?.slice(0, 300) ?? null });
    await updateUser(this.db, user.id, { failed_logins: 0, locked_until: null, last_login_at: now });
    await this.audit.record({ actor: username, action: 'auth.login', outcome: 'allowed', ip });
    const principal: Principal = {
      kind: 'user',
      id: user.id,
      name: user.username,
      displayName: user.display_name,
      role: user.role,
      scope: { kind: user.scope_kind as ScopeKind, code: user.scope_code },
      sessionHash: tokenHash(token),
    };
    return { token, expiresAt, principal };
  }

  async logout(principal: Principal, ip: string | null): Promise<void> {
    if (!principal.sessionHash) return;
    await deleteSession(this.db, principal.sessionHash);
    this.cache.delete(principal.sessionHash);
    await this.audit.record({ actor: principal.name, action: 'auth.logout', ip });
  }

  /** The principal behind a session cookie, or null when it is unknown or expired. */
  async fromSession(token: string): Promise<Principal | null> {
    if (!token || token.length > 100) return null;
    const hash = tokenHash(token);
    const hit = this.cache.get(hash);
    const nowMs = Date.now();
    if (hit && hit.until > nowMs) return hit.principal;
    const now = new Date(nowMs);
    const row = await findLiveSession(this.db, hash, now);
    if (!row) {
      this.cache.delete(hash);
      return null;
    }
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) await touchSession(this.db, hash, now);
    const principal: Principal = {
      kind: 'user',
      id: row.id,
      name: row.username,
      displayName: row.display_name,
      role: row.role,
      scope: { kind: row.scope_kind as ScopeKind, code: row.scope_code },
      sessionHash: hash,
    };
    this.cache.set(hash, { principal, until: Math.min(nowMs + CACHE_MS, new Date(row.expires_at).getTime()) });
    return principal;
  }

  /** The principal behind an API token (`Authorization: Bearer tmk_…`), or null. */
  async fromApiToken(token: string): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const hash = tokenHash(token);
    const hit = this.cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.principal;
    const now = new Date();
    const row = await findLiveToken(this.db, hash, now);
    if (!row) return null;
    await markTokenUsed(this.db, row.id, now);
    const principal: Principal = {
      kind: 'token',
      id: row.id,
      name: `token:${row.name}`,
      displayName: row.name,
      role: row.role,
      scope: { kind: row.scope_kind as ScopeKind, code: row.scope_code },
    };
    this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  /** Creates an API token for a machine client; the token is returned once and stored only hashed. */
  async createApiToken(input: { name: string; role: string; scope: Scope; createdBy: string; expiresAt?: Date | null }) {
    if (!isRole(input.role)) throw new Invalid('未知角色 (unknown role)', { role: `unknown role ${input.role}` });
    if (!/^[\w.\-\u4e00-\u9fff]{1,64}$/.test(input.name)) throw new Invalid('名称不合法 (invalid name)', { name: '1-64 letters, digits, . _ -' });
    const token = newApiToken();
    const row = await insertApiToken(this.db, {
      name: input.name,
      prefix: token.slice(0, 10),
      token_hash: tokenHash(token),
      role: input.role,
      scope_kind: input.scope.kind,
      scope_code: input.scope.code,
      created_by: input.createdBy,
      expires_at: input.expiresAt ?? null,
    });
    await this.audit.record({ actor: input.createdBy, action: 'apikey.create', target: `apikey:${row.id}`, detail: { name: input.name, role: input.role } });
    return { id: row.id, token };
  }

  async listApiTokens() {
    const rows = await listApiTokens(this.db);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      role: r.role,
      scope: { kind: r.scope_kind, code: r.scope_code },
      createdBy: r.created_by,
      createdAt: new Date(r.created_at).toISOString(),
      expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
    }));
  }

  async revokeApiToken(id: string, actor: string): Promise<void> {
    const r = /^[0-9a-f-]{36}$/i.test(id) ? await revokeApiToken(this.db, id, new Date()) : undefined;
    if (!r) throw new NotFound('API 密钥不存在或已吊销 (no such live API key)');
    this.forgetCached();
    await this.audit.record({ actor, action: 'apikey.revoke', target: `apikey:${id}`, detail: { name: r.name } });
  }

  /** Drops cached principals, after a user or token changes. */
  forgetCached(): void {
    this.cache.clear();
  }
}
