/**
 * Where API key hashes live: the store's `api_keys` table (Node), or a static list from the
 * environment (Worker, or `MDSS_API_KEYS`). Keys are never kept in clear, only SHA-256 hashes.
 * @module
 */
import type { ApiKeyRecord, KeyStore } from '../ports.js';
import { constantTimeEqual } from './sha256-hex.js';

export type { ApiKeyRecord, KeyStore };

/**
 * A key store over a fixed list of hash records. Every lookup compares against every record in
 * constant time per record, so the time taken does not depend on which record matched.
 * @example createStaticKeyStore([{ hash: await sha256Hex('secret'), role: 'lead' }])
 */
export function createStaticKeyStore(records: readonly ApiKeyRecord[]): KeyStore {
  const list = records.map((r) => ({ ...r, hash: r.hash.toLowerCase() }));
  return {
    hasApiKeys: () => Promise.resolve(list.length > 0),
    findApiKeyByHash(hash) {
      let found: ApiKeyRecord | undefined;
      for (const r of list) if (constantTimeEqual(r.hash, hash) && !found) found = r;
      return Promise.resolve(found);
    },
  };
}

/** Tries key stores in order (e.g. the environment's keys, then the database's). */
export function chainKeyStores(stores: readonly KeyStore[]): KeyStore {
  return {
    async hasApiKeys() {
      for (const s of stores) if (await s.hasApiKeys()) return true;
      return false;
    },
    async findApiKeyByHash(hash) {
      for (const s of stores) {
        const r = await s.findApiKeyByHash(hash);
        if (r) return r;
      }
      return undefined;
    },
  };
}

/**
 * Parses key bindings given as text: `role:partnerId:sha256hex` or `lead::sha256hex` entries
 * separated by commas or newlines (`MDSS_API_KEYS`). Returns the records or an error message.
 */
export function parseKeyBindings(
  text: string,
): { readonly records: ApiKeyRecord[] } | { readonly error: string } {
  const records: ApiKeyRecord[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [role, partnerId, hash] = entry.split(':');
    if (hash === undefined || !/^[0-9a-fA-F]{64}$/.test(hash))
      return {
        error: `entry ${records.length + 1}: a SHA-256 hash (64 hex digits) is expected last`,
      };
    if (role === 'lead' && !partnerId) records.push({ hash: hash.toLowerCase(), role: 'lead' });
    else if (role === 'partner' && partnerId)
      records.push({ hash: hash.toLowerCase(), role: 'partner', partnerId });
    else
      return { error: `entry ${records.length + 1}: expected partner:<id>:<hash> or lead::<hash>` };
  }
  return { records };
}

/**
 * A key store over the database that keeps working while the database is briefly unavailable:
 * `hasApiKeys` answers its last known value, and keys seen in the last `rememberMs` (default five
 * minutes; at most 1,000) are still recognised. Any other lookup during an outage rethrows the
 * store's error (503 with `Retry-After`): an unknown key is never let in. Only hashes are kept.
 */
export function rememberingKeyStore(
  store: KeyStore,
  isUnavailable: (error: unknown) => boolean,
  now: () => number = Date.now,
  rememberMs = 300_000,
): KeyStore {
  let hasKeys: boolean | undefined;
  const seen = new Map<string, { readonly record: ApiKeyRecord; readonly at: number }>();
  return {
    async hasApiKeys() {
      try {
        hasKeys = await store.hasApiKeys();
      } catch (error) {
        if (hasKeys === undefined || !isUnavailable(error)) throw error;
      }
      return hasKeys;
    },
    async findApiKeyByHash(hash) {
      try {
        const record = await store.findApiKeyByHash(hash);
        seen.delete(hash);
        if (record) {
          seen.set(hash, { record, at: now() });
          if (seen.size > 1000) seen.delete(seen.keys().next().value!);
        }
        return record;
      } catch (error) {
        const remembered = seen.get(hash);
        if (remembered && isUnavailable(error) && now() - remembered.at <= rememberMs)
          return remembered.record;
        throw error;
      }
    },
  };
}
