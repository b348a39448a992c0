/**
 * The part of the store the partner and report routes use: the {@link PartnerData} port (ports.ts).
 * The Node entry passes the real store (src/store); the Worker build has none, so those routes are
 * absent there.
 * @module
 */
export type { PartnerData } from './ports.js';
