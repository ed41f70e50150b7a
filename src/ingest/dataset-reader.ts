import { sql } from 'kysely';
import type { PersonalDataCipher } from '../platform/crypto/index.js';
import type { Platform } from '../platform/platform.js';
import type { CatalogService } from './catalog.service.js';

/** One current row as another module processes it: standardised values with sealed fields whole. */
export interface SourceRow {
  rowId: number;
  batchId: number;
  line: number;
  /** Standardised values; sealed fields (ID numbers, phones) hold the keyed hash, as in storage. */
  data: Record<string, unknown>;
  /** The sealed fields' standardised values, decrypted on first use; empty when `unseal` is off. */
  readonly plain: Record<string, string>;
  /** Masks of the sealed fields, for what the module shows. */
  masked: Record<string, string>;
}

export interface ReadOptions {
  /** Only rows that became current in a batch after this one (incremental consumers). */
  sinceBatch?: number;
  pageSize?: number;
  /** Decrypt the sealed values when asked for; costs a decryption per row that is. */
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
      const rows = opts.sinceBatch != null
        ? await this.pageSince(d.id, opts.sinceBatch, after, pageSize)
        : await this.p.db
            .selectFrom('ingest_row')
            .select(['id', 'batch_id', 'line', 'data', 'masked', 'sealed'])
            .where('dataset_id', '=', d.id)
            .where('valid_to', 'is', null)
            .where('id', '>', after)
            .orderBy('id')
            .limit(pageSize)
            .execute();
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].id);
      const cipher = opts.unseal ? this.p.cipher : null;
      yield rows.map((r) => new ReadRow(Number(r.id), Number(r.batch_id), r.line, r.data, r.masked, cipher && r.sealed ? r.sealed : null, cipher));
      if (rows.length < pageSize) return;
    }
  }

  /**
   * A page of the current rows that became current after a batch. Asked for as one query, it was
   * planned as a walk of the primary key filtering every row of every dataset (the LIMIT makes the
   * planner expect to stop early; 450 ms for the 10,000 rows of an incremental batch, the table
   * holding a million). The ids are found first through the (dataset, batch) index, sorted apart
   * (OFFSET 0 keeps the planner from merging the two), then the rows fetched by id: 20 ms.
   */
  private async pageSince(datasetId: number, sinceBatch: number, after: number, pageSize: number) {
    const r = await sql<{ id: number; batch_id: number; line: number; data: Record<string, unknown>; masked: Record<string, string>; sealed: string | null }>`
      SELECT id, batch_id, line, data, masked, sealed FROM ingest_row WHERE id = ANY(ARRAY(
        SELECT id FROM (SELECT id FROM ingest_row WHERE dataset_id = ${datasetId} AND valid_to IS NULL AND batch_id > ${sinceBatch} AND id > ${after} OFFSET 0) AS fresh
        ORDER BY id LIMIT ${pageSize}))
      ORDER BY id`.execute(this.p.db);
    return r.rows;
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

/**
 * A row as read, its sealed values decrypted only when `plain` is first read: identity's sync
 * needs them only for an ID number or phone it has not met yet in the run.
 */
class ReadRow implements SourceRow {
  private unsealed: Record<string, string> | null = null;

  constructor(
    readonly rowId: number,
    readonly batchId: number,
    readonly line: number,
    readonly data: Record<string, unknown>,
    readonly masked: Record<string, string>,
    private readonly sealed: string | null,
    private readonly cipher: PersonalDataCipher | null,
  ) {}

  get plain(): Record<string, string> {
    this.unsealed ??= this.sealed && this.cipher ? (JSON.parse(this.cipher.decrypt(this.sealed)) as { v: Record<string, string> }).v : {};
    return this.unsealed;
  }
}
