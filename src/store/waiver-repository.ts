/**
 * Waiver rows: add, read, list, change reason or expiry, delete.
 * @module
 */

import type { Kysely, Selectable } from 'kysely';
import { ConfigError } from '../errors.js';
import type { Waiver } from '../reports/conformance/waiver.js';
import type { MdssDatabase, WaiversTable } from './database-schema.js';
import type { WaiverInput } from './store.js';

const UNTIL = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/;

/** Adds a waiver with a new random id. */
export async function addWaiver(
  db: Kysely<MdssDatabase>,
  input: WaiverInput,
  now: () => Date,
): Promise<Waiver> {
  const byRequirement = input.requirementId !== undefined;
  if (byRequirement === (input.code !== undefined) || (byRequirement && input.path !== undefined)) {
    throw new ConfigError(
      'store.invalid-waiver',
      'A waiver names either a requirement, or an issue code with an optional path',
    );
  }
  if (input.reason.trim() === '')
    throw new ConfigError('store.invalid-waiver', 'A waiver needs a reason');
  checkUntil(input.until);
  const id = crypto.randomUUID();
  await db
    .insertInto('waivers')
    .values({
      id,
      partner_id: input.partnerId,
      requirement_id: input.requirementId ?? null,
      code: input.code ?? null,
      path: input.path ?? null,
      reason: input.reason,
      until: input.until ?? null,
      created_at: now().toISOString(),
    })
    .execute();
  const stored = await getWaiver(db, id);
  if (!stored) throw new Error('waiver vanished after insert');
  return stored;
}

/** One waiver by id. */
export async function getWaiver(db: Kysely<MdssDatabase>, id: string): Promise<Waiver | undefined> {
  const row = await db.selectFrom('waivers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWaiver(row) : undefined;
}

/** Waivers of one partner, or of all, ordered by partner then id. */
export async function listWaivers(db: Kysely<MdssDatabase>, partnerId?: string): Promise<Waiver[]> {
  let query = db.selectFrom('waivers').selectAll().orderBy('partner_id').orderBy('id');
  if (partnerId !== undefined) query = query.where('partner_id', '=', partnerId);
  return (await query.execute()).map(toWaiver);
}

/** Changes reason and/or expiry. */
export async function updateWaiver(
  db: Kysely<MdssDatabase>,
  id: string,
  patch: { readonly reason?: string; readonly until?: string | null },
): Promise<Waiver | undefined> {
  if (patch.reason !== undefined && patch.reason.trim() === '')
    throw new ConfigError('store.invalid-waiver', 'A waiver needs a reason');
  if (patch.until !== null) checkUntil(patch.until);
  const set = {
    ...(patch.reason !== undefined && { reason: patch.reason }),
    ...(patch.until !== undefined && { until: patch.until }),
  };
  if (Object.keys(set).length > 0)
    await db.updateTable('waivers').set(set).where('id', '=', id).execute();
  return getWaiver(db, id);
}

/** Deletes a waiver. */
export async function deleteWaiver(db: Kysely<MdssDatabase>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('waivers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function checkUntil(until: string | undefined): void {
  if (until !== undefined && (!UNTIL.test(until) || Number.isNaN(Date.parse(until)))) {
    throw new ConfigError(
      'store.invalid-waiver',
      `A waiver's expiry is a date (YYYY-MM-DD) or ISO instant: ${JSON.stringify(until)}`,
    );
  }
}

function toWaiver(row: Selectable<WaiversTable>): Waiver {
  return {
    id: row.id,
    partnerId: row.partner_id,
    ...(row.requirement_id !== null && { requirementId: row.requirement_id }),
    ...(row.code !== null && { code: row.code }),
    ...(row.path !== null && { path: row.path }),
    reason: row.reason,
    ...(row.until !== null && { until: row.until }),
    createdAt: row.created_at,
  };
}
