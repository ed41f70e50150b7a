import { sql } from 'kysely';
import type { Executor } from '../platform/db/transaction.js';

export async function findDatasetByName(db: Executor, name: string) {
  return db.selectFrom('dataset').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findDatasetById(db: Executor, id: number) {
  return db.selectFrom('dataset').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDatasets(db: Executor, departmentCode: string | null) {
  let q = db
    .selectFrom('dataset as d')
    .innerJoin('org_unit as o', 'o.code', 'd.department_code')
    .select(['d.id', 'd.name', 'd.title', 'd.mode', 'd.level', 'd.version', 'd.spec', 'd.department_code', 'o.short_name as department', 'd.updated_at'])
    .select((eb) => [
      eb.selectFrom('ingest_row as r').whereRef('r.dataset_id', '=', 'd.id').where('r.valid_to', 'is', null).select(eb.fn.countAll<number>().as('n')).as('rows'),
      eb
        .selectFrom('ingest_batch as b')
        .whereRef('b.dataset_id', '=', 'd.id')
        .where('b.status', '=', 'published')
        .select(sql<Date>`max(b.published_at)`.as('t'))
        .as('last_published_at'),
      eb
        .selectFrom('ingest_batch as b')
        .whereRef('b.dataset_id', '=', 'd.id')
        .where('b.status', 'in', ['published', 'held'])
        .orderBy('b.id', 'desc')
        .limit(1)
        .select('b.quality_score')
        .as('quality_score'),
      eb.selectFrom('ingest_reject as j').whereRef('j.dataset_id', '=', 'd.id').where('j.status', '=', 'open').select(eb.fn.countAll<number>().as('n')).as('open_rejects'),
      eb.selectFrom('ingest_batch as h').whereRef('h.dataset_id', '=', 'd.id').where('h.status', '=', 'held').select(eb.fn.countAll<number>().as('n')).as('held_batches'),
    ]);
  if (departmentCode) q = q.where('d.department_code', '=', departmentCode);
  return q.orderBy('d.name').execute();
}
