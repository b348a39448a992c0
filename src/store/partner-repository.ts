/**
 * Partner rows: insert-or-update, read, list by kind, delete.
 * @module
 */

import type { Kysely, Selectable } from 'kysely';
import { ConfigError } from '../errors.js';
import {
  isPartnerKind,
  type FhirEndpoint,
  type Partner,
  type PartnerKind,
} from '../reports/conformance/partner.js';
import type { MdssDatabase, PartnersTable } from './database-schema.js';
import { parseJson } from './store-values.js';

/** Inserts or updates a partner; `created_at` is kept on update. */
export async function upsertPartner(
  db: Kysely<MdssDatabase>,
  partner: Omit<Partner, 'createdAt'>,
  now: () => Date,
): Promise<Partner> {
  if (!isPartnerKind(partner.kind))
    throw new ConfigError(
      'store.invalid-partner-kind',
      `Unknown partner kind: ${String(partner.kind)}`,
    );
  if (partner.id.trim() === '' || partner.name.trim() === '')
    throw new ConfigError('store.invalid-partner', 'A partner needs a non-empty id and name');
  const values = {
    name: partner.name,
    kind: partner.kind,
    ods_code: partner.odsCode ?? null,
    cqc_location_id: partner.cqcLocationId ?? null,
    gss_code: partner.gssCode ?? null,
    fhir_endpoint: partner.fhirEndpoint === undefined ? null : JSON.stringify(partner.fhirEndpoint),
  };
  await db
    .insertInto('partners')
    .values({ id: partner.id, ...values, created_at: now().toISOString() })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  const stored = await getPartner(db, partner.id);
  if (!stored) throw new Error(`partner ${partner.id} vanished after upsert`);
  return stored;
}

/** One partner by id. */
export async function getPartner(
  db: Kysely<MdssDatabase>,
  id: string,
): Promise<Partner | undefined> {
  const row = await db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPartner(row) : undefined;
}

/** Partners ordered by id, optionally of one kind. */
export async function listPartners(
  db: Kysely<MdssDatabase>,
  kind?: PartnerKind,
): Promise<Partner[]> {
  let query = db.selectFrom('partners').selectAll().orderBy('id');
  if (kind !== undefined) query = query.where('kind', '=', kind);
  return (await query.execute()).map(toPartner);
}

/** Deletes a partner; its submissions, keys and waivers go with it (foreign keys cascade). */
export async function deletePartner(db: Kysely<MdssDatabase>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('partners').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function toPartner(row: Selectable<PartnersTable>): Partner {
  const kind = isPartnerKind(row.kind) ? row.kind : 'other';
  return {
    id: row.id,
    name: row.name,
    kind,
    ...(row.ods_code !== null && { odsCode: row.ods_code }),
    ...(row.cqc_location_id !== null && { cqcLocationId: row.cqc_location_id }),
    ...(row.gss_code !== null && { gssCode: row.gss_code }),
    ...(row.fhir_endpoint !== null && {
      fhirEndpoint: parseJson<FhirEndpoint>(row.fhir_endpoint, { url: '' }),
    }),
    createdAt: row.created_at,
  };
}
