/**
 * Expands the children of a snapshot element that has none yet: from its type's definition
 * (`Identifier`, `Quantity`, `Extension`, primitives), from its type profile when it has exactly one
 * (`Extension-UKCore-NHSNumberVerificationStatus`), or, for a `contentReference`, from the referenced
 * element (one level only: a nested `contentReference` stays a reference). Ids and paths are rewritten
 * under the element (`Identifier.system` → `Patient.identifier:nhsNumber.system`).
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';
import { rebase } from './element-id.js';
import type { ElementList } from './element-list.js';
import type { MessageCollector } from './snapshot-result.js';

/** Where expansion finds type definitions. */
export interface TypeSource {
  /** Snapshot elements of a type profile (generated when needed); undefined when unresolvable. */
  profileSnapshot(url: string): readonly ElementDefinition[] | undefined;
  /** Snapshot elements of a core type or resource by name; undefined when unknown. */
  typeSnapshot(code: string): readonly ElementDefinition[] | undefined;
}

/** Pristine (not yet constrained) copies of elements by id: the templates new slices start from. */
export type PristineElements = Map<string, ElementDefinition>;

/**
 * Inserts the children of `list.elements[index]` after it. Returns false (with a message) when they
 * cannot be found. The element must have no children yet.
 */
export function expandChildren(
  list: ElementList,
  index: number,
  source: TypeSource,
  pristine: PristineElements,
  messages: MessageCollector,
): boolean {
  const el = list.elements[index]!;
  const found = el.contentReference
    ? fromContentReference(el, source)
    : fromType(el, source, messages);
  if (!found) return false;
  const children = rebasedChildren(found, el);
  if (children.length === 0) return false;
  if (el.contentReference) {
    delete el.contentReference;
    if (found.rootType) el.type = structuredClone(found.rootType);
  }
  list.insert(index + 1, children);
  for (const c of children) pristine.set(c.id!, structuredClone(c));
  return true;
}

/** Copies of the found elements with ids and paths rewritten under `el`. */
function rebasedChildren(found: Found, el: ElementDefinition): ElementDefinition[] {
  const id = el.id ?? el.path ?? '';
  const { rootId, rootPath, elements } = found;
  return elements.map((c) => {
    const copy = structuredClone(c) as ElementDefinition;
    copy.id = rebase(c.id ?? c.path ?? '', rootId, id);
    copy.path = rebase(c.path ?? '', rootPath, el.path ?? '');
    return copy;
  });
}

/**
 * An element whose type profile names one of the profile's elements (`elementdefinition-profile-element`,
 * a section library): its children become that element's children, as ProfileUtilities does. Returns
 * false when the type names no such element (or it cannot be found, with a message).
 */
export function takeProfileElementChildren(
  list: ElementList,
  index: number,
  source: TypeSource,
  pristine: PristineElements,
  messages: MessageCollector,
): boolean {
  const el = list.elements[index]!;
  const types = el.type ?? [];
  const profiles = [...new Set(types.flatMap((t) => t.profile ?? []))];
  if (profiles.length !== 1) return false;
  const elementId = profileElementOf(types, profiles[0]!);
  if (elementId === undefined) return false;
  const all = source.profileSnapshot(profiles[0]!);
  const found = all ? elementsUnder(all, elementId) : undefined;
  if (!found) {
    messages.report(
      'warning',
      'snapshot.type-profile-unresolved',
      `${el.id}: type profile ${profiles[0]} has no element ${elementId}`,
      el.id,
    );
    return false;
  }
  const children = rebasedChildren(found, el);
  list.replaceChildren(index, children);
  for (const c of children) pristine.set(c.id!, structuredClone(c));
  return true;
}

interface Found {
  rootId: string;
  rootPath: string;
  elements: readonly ElementDefinition[];
  rootType?: ElementDefinition['type'];
}

function fromContentReference(el: ElementDefinition, source: TypeSource): Found | undefined {
  const ref = el.contentReference!.slice(el.contentReference!.indexOf('#') + 1);
  const all = source.typeSnapshot(ref.split('.')[0]!);
  if (!all) return undefined;
  const root = all.find((e) => (e.id ?? e.path) === ref);
  if (!root) return undefined;
  const elements = all.filter((e) => (e.id ?? e.path ?? '').startsWith(`${ref}.`));
  return { rootId: ref, rootPath: root.path ?? ref, elements, rootType: root.type };
}

function fromType(
  el: ElementDefinition,
  source: TypeSource,
  messages: MessageCollector,
): Found | undefined {
  const id = el.id;
  const types = el.type ?? [];
  const codes = [...new Set(types.map((t) => t.code))];
  if (codes.length !== 1 || !codes[0]) {
    const why =
      codes.length === 0 ? 'it has no type' : `it has several types (${codes.join(', ')})`;
    messages.report(
      'error',
      'snapshot.cannot-expand',
      `${id}: cannot expand children because ${why}`,
      id,
    );
    return undefined;
  }
  const profiles = [...new Set(types.flatMap((t) => t.profile ?? []))];
  let elements: readonly ElementDefinition[] | undefined;
  if (profiles.length === 1) {
    elements = source.profileSnapshot(profiles[0]!);
    const elementId = elements ? profileElementOf(types, profiles[0]!) : undefined;
    if (elements && elementId !== undefined) {
      // the type profile names one of its elements (a section library): its children are the content
      const found = elementsUnder(elements, elementId);
      if (found) return found;
      messages.report(
        'warning',
        'snapshot.type-profile-unresolved',
        `${id}: type profile ${profiles[0]} has no element ${elementId}; expanding ${codes[0]} instead`,
        id,
      );
      elements = undefined;
    } else if (!elements) {
      messages.report(
        'warning',
        'snapshot.type-profile-unresolved',
        `${id}: type profile ${profiles[0]} cannot be resolved; expanding ${codes[0]} instead`,
        id,
      );
    }
  }
  elements ??= source.typeSnapshot(codes[0]);
  if (!elements || elements.length === 0) {
    messages.report(
      'error',
      'snapshot.type-unresolved',
      `${id}: no definition for type ${codes[0]} to expand children from`,
      id,
    );
    return undefined;
  }
  const root = elements[0]!;
  return {
    rootId: root.id ?? root.path ?? '',
    rootPath: root.path ?? '',
    elements: elements.slice(1),
  };
}

/** The extension naming the element of a type profile that an element takes its content from. */
export const profileElementExtension =
  'http://hl7.org/fhir/StructureDefinition/elementdefinition-profile-element';

/**
 * The element id a type profile reference names with the `elementdefinition-profile-element`
 * extension on `type.profile` (`_profile` in JSON), when it does: the element takes its content
 * from that element of the profile rather than from the profile's root.
 */
export function profileElementOf(
  types: NonNullable<ElementDefinition['type']>,
  url: string,
): string | undefined {
  for (const t of types) {
    const i = (t.profile ?? []).indexOf(url);
    if (i < 0) continue;
    const ext = (
      t as { _profile?: ({ extension?: { url?: string; valueString?: string }[] } | null)[] }
    )._profile?.[i]?.extension;
    const value = ext?.find((e) => e.url === profileElementExtension)?.valueString;
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** The element `elementId` of a snapshot (by id, else by path) and its descendants. */
export function elementsUnder(
  all: readonly ElementDefinition[],
  elementId: string,
): Found | undefined {
  const root = all.find((e) => e.id === elementId) ?? all.find((e) => e.path === elementId);
  if (!root) return undefined;
  const rootId = root.id ?? root.path ?? elementId;
  const elements = all.filter((e) => (e.id ?? e.path ?? '').startsWith(`${rootId}.`));
  return { rootId, rootPath: root.path ?? rootId, elements, rootType: root.type };
}

/** The element of a type profile's snapshot an element's constraints come from: the one it names, else the root. */
export function typeProfileRoot(
  snapshot: readonly ElementDefinition[] | undefined,
  types: NonNullable<ElementDefinition['type']>,
  url: string,
): ElementDefinition | undefined {
  const elementId = snapshot ? profileElementOf(types, url) : undefined;
  return (
    (elementId === undefined ? undefined : snapshot?.find((e) => e.id === elementId)) ??
    snapshot?.[0]
  );
}
