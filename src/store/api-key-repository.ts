/**
 * API key rows: hashes only, bound to one partner or to the ICS lead role.
 * @module
 */

import type { Kysely, Selectable } from 'kysely';
import { ConfigError } from '../errors.js';
import type { ApiKeysTable, MdssDatabase } from './database-schema.js';
import type { ApiKeyRecord } from './store.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Stores a key hash (lower-case hex SHA-256), or rebinds an existing one. */
export async function putApiKey(
  db: Kysely<MdssDatabase>,
  key: Omit<ApiKeyRecord, 'createdAt'>,
  now: () => Date,
): Promise<ApiKeyRecord> {
  if (!SHA256_HEX.test(key.hash))
    throw new ConfigError(
      'store.invalid-key-hash',
      'An API key is stored as its SHA-256 hash in lower-case hex, never in clear',
    );
  if ((key.role === 'partner') !== (key.partnerId !== undefined)) {
    throw new ConfigError(
      'store.invalid-key-binding',
      'A partner key names its partner; a lead key names none',
    );
  }
  const binding = { role: key.role, partner_id: key.partnerId ?? null };
  await db
    .insertInto('api_keys')
    .values({ hash: key.hash, ...binding, created_at: now().toISOString() })
    .onConflict((oc) => oc.column('hash').doUpdateSet(binding))
    .execute();
  const stored = await findApiKeyByHash(db, key.hash);
  if (!stored) throw new Error('api key vanished after insert');
  return stored;
}

/** The key record with this hash. */
export async function findApiKeyByHash(
  db: Kysely<MdssDatabase>,
  hash: string,
): Promise<ApiKeyRecord | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('hash', '=', hash)
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}

/** Removes a key. */
export async function deleteApiKey(db: Kysely<MdssDatabase>, hash: string): Promise<boolean> {
  const result = await db.deleteFrom('api_keys').where('hash', '=', hash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether any key exists. */
export async function hasApiKeys(db: Kysely<MdssDatabase>): Promise<boolean> {
  const row = await db.selectFrom('api_keys').select('hash').limit(1).executeTakeFirst();
  return row !== undefined;
}

function toApiKey(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    hash: row.hash,
    role: row.role === 'lead' ? 'lead' : 'partner',
    ...(row.partner_id !== null && { partnerId: row.partner_id }),
    createdAt: row.created_at,
  };
}
