/**
 * The part of the store the partner and report routes use. The Node entry passes the real store
 * (src/store); the Worker build has none, so those routes are absent there.
 * @module
 */
import type { Store } from '../store/store.js';

/** Store operations used by the partner submission and report routes. */
export type PartnerData = Pick<Store, 'getPartner' | 'listPartners' | 'upsertPartner' | 'recordSubmission' | 'loadPartnerPeriod' | 'listWaivers'>;
