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

/**
 * The string itself, or for one that could be a slice, a copy that keeps no reference to the text
 * it was cut from, for memos that outlive the validation: V8 may hold a substring of 13 characters
 * or more (an XML attribute value, say) as a slice of the whole document, which a remembered value
 * would otherwise keep alive. (JSON.parse makes flat strings of its own, as does the copy here.)
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
