import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from '../platform/auth/principal.js';
import type { Db, Executor } from '../platform/db/transaction.js';
import { DomainError, Invalid, NotFound } from '../platform/errors.js';
import type { CaseViewsService } from './case-views.service.js';
import { checkAttachment } from './magic-bytes.js';


/**
 * Evidence files (photos, PDFs). Stored once under `dataDir/events/attachments/` by their sha256,
 * so the same photo sent by ten cameras is kept once and a name can never be chosen by a client.
 */
export class AttachmentsService {
  private readonly dir: string;

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly views: CaseViewsService,
    /** From configuration (TIANMU_EVENT_ATTACHMENT_MB). */
    readonly limitBytes: number,
  ) {
    this.dir = join(dataDir, 'events', 'attachments');
  }

  async save(body: Buffer, declaredType: string | null, fileName: string | null, actor: Principal) {
    if (body.length === 0) throw new Invalid('附件为空 (empty attachment)', { file: 'empty' }, 'empty_file');
    if (body.length > this.limitBytes) throw new DomainError(413, 'body_too_large', `附件超过上限 ${this.limitBytes / 2 ** 20} MB (attachment too large)`);
    const check = checkAttachment(body, declaredType, fileName);
    if (!check.ok) throw new DomainError(415, 'unsupported_media_type', `附件类型不允许：${check.reason} (attachment type not allowed)`, { file: check.reason });
    const sha256 = createHash('sha256').update(body).digest('hex');
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      mkdirSync(join(this.dir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, body, { mode: 0o600 });
      renameSync(tmp, path);
    }
    const safeName = fileName ? fileName.replace(/[\\/\0-\x1f]/g, '_').slice(-200) : null;
    await this.db
      .insertInto('event_attachment')
      .values({ sha256, content_type: check.type, bytes: body.length, file_name: safeName, uploaded_by: actor.name })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    // The same bytes uploaded by someone else are stored once; this uploader may read them too.
    await this.db.insertInto('event_attachment_link').values({ sha256, kind: 'uploader', ref: actor.name }).onConflict((oc) => oc.doNothing()).execute();
    return { sha256, contentType: check.type, bytes: body.length };
  }

  /**
   * Records that handling a case cited these files (dispatch calls this in its own transaction),
   * so whoever may see the case may read them. An unknown file is refused.
   */
  async cite(sha256s: readonly string[], caseId: string, ex: Executor = this.db): Promise<void> {
    if (sha256s.length === 0) return;
    const known = await ex.selectFrom('event_attachment').select('sha256').where('sha256', 'in', [...sha256s]).execute();
    const missing = sha256s.filter((s) => !known.some((k) => k.sha256 === s));
    if (missing.length) throw new Invalid(`附件不存在：${missing.join(', ')} (unknown attachment)`, { attachments: 'unknown attachment' });
    await ex.insertInto('event_attachment_link').values(sha256s.map((sha256) => ({ sha256, kind: 'case' as const, ref: caseId }))).onConflict((oc) => oc.doNothing()).execute();
  }

  /** The file, if the caller uploaded it, or may see an event that cites it or a case whose handling cited it. */
  async open(sha256: string, actor: Principal): Promise<{ contentType: string; body: Buffer; fileName: string | null }> {
    const row = await this.db.selectFrom('event_attachment').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    if (!row) throw new NotFound('附件不存在 (no such attachment)');
    const links = await this.db.selectFrom('event_attachment_link').select(['kind', 'ref']).where('sha256', '=', sha256).execute();
    const uploader = row.uploaded_by === actor.name || links.some((l) => l.kind === 'uploader' && l.ref === actor.name);
    const cases = links.filter((l) => l.kind === 'case').map((l) => l.ref);
    const viaCase = cases.length > 0 && (await this.db.selectFrom('event_case').select(['id', 'region_code', 'published_by']).where('id', 'in', cases).execute()).some((c) => {
      try {
        this.views.assertVisible(actor, c);
        return true;
      } catch {
        return false;
      }
    });
    if (!uploader && !viaCase && actor.scope.kind !== 'district') {
      const citing = await this.db
        .selectFrom('event')
        .select(['id', 'region_code', 'published_by'])
        .where('attachments', '@>', JSON.stringify([sha256]) as never)
        .limit(50)
        .execute();
      const visible = citing.find((e) => {
        try {
          this.views.assertVisible(actor, e);
          return true;
        } catch {
          return false;
        }
      });
      if (!visible) this.views.assertVisible(actor, citing[0] ?? { id: `attachment:${sha256}`, region_code: null, published_by: null });
    }
    return { contentType: row.content_type, body: readFileSync(this.pathOf(sha256)), fileName: row.file_name };
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }
}
