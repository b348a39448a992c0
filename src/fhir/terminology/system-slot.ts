/**
 * A code system's slot among {@link systemSlots} slots, by its length and last character: memos by
 * system keep the entry last met in each slot, so the usual systems are found by comparing strings,
 * without hashing a payload's system (a new string per Coding) for a Map.
 * @module
 */

/** How many slots {@link systemSlot} spreads systems over. */
export const systemSlots = 64;

/** The slot of a system (any string; the empty one has slot 0). */
export function systemSlot(system: string): number {
  return (system.length * 7 + system.charCodeAt(system.length - 1)) & (systemSlots - 1);
}
