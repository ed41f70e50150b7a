import type { Platform } from '../platform/platform.js';
import type { CatalogService } from './catalog.service.js';

/** One current row as another module processes it: standardised values with sealed fields whole. */
export interface SourceRow {
  rowId: number;
  batchId: number;
  line: number;
  /** Standardised values; sealed fields (ID numbers, phones) hold the keyed hash, as in storage. */
  data: Record<string, unknown>;
  /** The sealed fields' standardised values, decrypted; empty when `unseal` is off. */
  plain: Record<string, string>;
  /** Masks of the sealed fields, for what the module shows. */
  masked: Record<string, string>;
}

export interface ReadOptions {
  /** Only rows that became current in a batch after this one (incremental consumers). */
  sinceBatch?: number;
  pageSize?: number;
  /** Decrypt the sealed values; costs an AES-GCM decryption per row. */
  unseal?: boolean;
}

/**
 * Bulk reads of published data for modules that build on it (identity, supervision). Unlike the
 * dataset page this is not an access-checked user read: the calling module audits its own purpose
 * and guards what it shows.
 */
export class DatasetReader {
  constructor(
    private readonly p: Platform,
    private readonly catalog: CatalogService,
  ) {}

  /** Current rows in id order, page by page (keyset paging, so memory stays flat). */
  async *current(name: string, opts: ReadOptions = {}): AsyncGenerator<SourceRow[]> {
    const d = await this.catalog.get(name);
    const pageSize = opts.pageSize ?? 5000;
    let after = 0;
    for (;;) {
      let q = this.p.db
        .selectFrom('ingest_row')
        .select(['id', 'batch_id', 'line', 'data', 'masked', 'sealed'])
        .where('dataset_id', '=', d.id)
        .where('valid_to', 'is', null)
        .where('id', '>', after);
      if (opts.sinceBatch != null) q = q.where('batch_id', '>', opts.sinceBatch);
      const rows = await q.orderBy('id').limit(pageSize).execute();
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].id);
      yield rows.map((r) => ({
        rowId: Number(r.id),
        batchId: Number(r.batch_id),
        line: r.line,
        data: r.data,
        masked: r.masked,
        plain: opts.unseal && r.sealed ? (JSON.parse(this.p.cipher.decrypt(r.sealed)) as { v: Record<string, string> }).v : {},
      }));
      if (rows.length < pageSize) return;
    }
  }

  /** Ids of rows that stopped being current after a batch was published (changed or deleted since). */
  async retiredSince(name: string, sinceBatch: number): Promise<number[]> {
    const d = await this.catalog.get(name);
    // A publish stamps valid_to of the rows it retires with its own published_at.
    const rows = await this.p.db
      .selectFrom('ingest_row')
      .select('id')
      .where('dataset_id', '=', d.id)
      .where('valid_to', '>', (eb) => eb.selectFrom('ingest_batch').select('published_at').where('id', '=', sinceBatch))
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /** The newest published batch of a dataset, the watermark for incremental reads. */
  async lastPublishedBatch(name: string): Promise<number | null> {
    const d = await this.catalog.get(name);
    const r = await this.p.db
      .selectFrom('ingest_batch')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('dataset_id', '=', d.id)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return r?.id == null ? null : Number(r.id);
  }
}
