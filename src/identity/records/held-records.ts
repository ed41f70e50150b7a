import { sql } from 'kysely';
import { copyField as f, copySafe as g } from '../../platform/db/copy.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { PersonRecordInput } from './extract-record.js';
import type { LoadedRow } from './record-load.store.js';
import { STAGE_COLUMNS } from './record.store.js';

/** A held record: what linkage and the golden record read, plus the columns only storing needs. */
export type HeldRow = LoadedRow & { role: string; phone_token: string | null; context: string; id_plain: string | null };

/**
 * The records of a first resolution, held in memory from the sync until they have their files and
 * are written once, by COPY, straight into identity_record. Parking them in a table meanwhile
 * wrote each one twice and read it back in between (at a million records: 6 s of COPY into the
 * waiting table, 3.5 s reading it back, 8 s moving it on). Each record takes its id from
 * identity_record's own sequence when it arrives, so ids are those the table would have given and
 * the review queue, the history and provenance can name records before they are stored.
 */
export class HeldRecords {
  readonly rows: HeldRow[] = [];

  constructor(private readonly db: Executor) {}

  /** Holds a page of records; returns how many. */
  async add(records: PersonRecordInput[]): Promise<number> {
    if (records.length === 0) return 0;
    const ids = await reserveRecordIds(this.db, records.length);
    for (let i = 0; i < records.length; i++) this.rows.push(heldRow(ids[i], records[i]));
    return records.length;
  }
}

/**
 * Ids from identity_record's sequence, in rising order (concurrent writers may leave gaps). The
 * sequence is looked up once: as the argument of nextval the catalogue lookup ran per id, 134 ms
 * for a page of 50,000 against 19 ms, server time the sync's next page waited behind.
 */
async function reserveRecordIds(db: Executor, n: number): Promise<number[]> {
  const r = await sql<{ id: number }>`SELECT nextval(q.seq) AS id
    FROM (SELECT pg_get_serial_sequence('identity_record', 'id')::regclass AS seq OFFSET 0) AS q CROSS JOIN generate_series(1, ${n}::int)`.execute(db);
  return r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
}

function heldRow(id: number, r: PersonRecordInput): HeldRow {
  return {
    id,
    entity_id: null,
    name: r.name,
    id_hash: r.idHash,
    id_token: r.idToken,
    id_plain: r.idPlain,
    id_valid: r.idValid,
    birth_date: r.birthDate,
    sex: r.sex,
    phone_hash: r.phoneHash,
    address: r.address,
    village_code: r.villageCode,
    household_no: r.householdNo,
    dataset: r.dataset,
    batch_id: r.batchId,
    row_id: r.rowId,
    line: r.line,
    party: r.party,
    id_masked: r.idMasked,
    phone_masked: r.phoneMasked,
    role: r.role,
    phone_token: r.phoneToken,
    context: JSON.stringify(r.context),
  };
}

/** Columns of heldLine, in order: the id and file, then those of recordLines without run_id. */
export const HELD_COLUMNS = ['id', 'entity_id', ...STAGE_COLUMNS.slice(1)];

/** A held person record, with the file set in its entity_id, as a line of COPY text in HELD_COLUMNS order (recordLines' fields, from a held row). */
export function heldLine(r: HeldRow, districtCode: string): string {
  return `${r.id}\t${g(r.entity_id)}\tperson\t${r.dataset}\t${r.row_id}\t${r.batch_id}\t${r.line}\t${r.party}\t${r.role}\t${f(r.name)}\t${g(r.id_hash)}\t${g(r.id_token)}\t${g(r.id_masked)}\t`
    + `${g(r.id_valid)}\t${g(r.birth_date)}\t${f(r.sex)}\t${g(r.phone_hash)}\t${g(r.phone_token)}\t${g(r.phone_masked)}\t${f(r.address)}\t${f(r.village_code)}\t${f(r.household_no)}\t${f(r.context)}\t${districtCode}\n`;
}
