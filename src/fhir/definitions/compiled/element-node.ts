/**
 * The compiled form of an ElementDefinition: what the instance walker needs, precomputed once per
 * StructureDefinition (children keyed by JSON property name, choice renaming, cardinality as numbers).
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';

/** One allowed type of an element (`ElementDefinition.type`). */
export interface TypeRef {
  /** FHIR type code (`HumanName`, `string`, `Reference`, `Resource`, or a FHIRPath System type for `.value`). */
  readonly code: string;
  readonly profiles: readonly string[];
  readonly targetProfiles: readonly string[];
}

/** A constraint (`ElementDefinition.constraint`) ready to evaluate. */
export interface ConstraintRule {
  readonly key: string;
  readonly severity: 'error' | 'warning';
  readonly human: string;
  readonly expression: string;
  readonly source?: string | undefined;
  /** Marked with the `elementdefinition-bestpractice` extension: reported as information. */
  readonly bestPractice?: boolean | undefined;
}

/** Value rules of an element, precomputed so the hot path tests one field (`undefined`: none). */
export interface ValueRules {
  readonly fixed?: unknown;
  readonly pattern?: unknown;
  readonly minValue?: unknown;
  readonly maxValue?: unknown;
  readonly maxLength?: number;
  /** The `minLength` extension on the ElementDefinition: a string value must be at least this long. */
  readonly minLength?: number;
  /**
   * A primitive must carry a value, not extensions alone (R5 `mustHaveValue`, in R4 by its
   * cross-version extension).
   */
  readonly mustHaveValue?: boolean;
  /**
   * Extensions that may stand in for an absent primitive value (R5 `valueAlternatives`, in R4 by its
   * cross-version extension): a primitive without a value must carry one of them.
   */
  readonly valueAlternatives?: readonly string[];
  readonly binding?: {
    readonly strength: 'required' | 'extensible' | 'preferred' | 'example';
    readonly valueSet: string;
  };
  /** Further bindings that must also hold: R5 additional bindings (purpose required/extensible/maximum), maxValueSet. */
  readonly extraBindings?: readonly {
    readonly strength: 'required' | 'extensible';
    readonly valueSet: string;
  }[];
  /**
   * True for a primitive element with constraints of its own besides `ele-1` (a profile's rule on a
   * string): they are evaluated on each value (see `ElementNode.constraints`).
   */
  readonly primitiveConstraints?: true;
  /** England rules attached with the {@link englandRuleExtension} extension (`nhs-number`, `ods-code`, …). */
  readonly englandRules?: readonly string[];
  /** Narrative controls of a Narrative element (narrative-language-control, narrative-source-control). */
  readonly narrative?: NarrativeControl;
  /** Plain code strings that passed {@link binding} without any issue (filled by the validator, bounded). */
  passedCodes?: Set<string>;
  /** Codings that passed {@link binding} without any issue (filled by the validator, bounded). */
  passedCodings?: CodingMemo;
  /** CodeableConcepts (by their codings) that passed {@link binding} without any issue (filled by the validator, bounded). */
  passedConcepts?: CodingMemo;
  /** Quantities (system and code) that passed {@link binding} without any issue (filled by the validator, bounded). */
  passedQuantities?: CodingMemo;
}

/** What a profile requires of a narrative's div (see `narrative-control.ts`). */
export interface NarrativeControl {
  /** narrative-language-control values: `_no`, `_yes`, `_resource` or a language code. */
  readonly languages: readonly string[];
  /** narrative-source-control value: the severity (`error`, `warning`, `hint`). */
  readonly source?: string;
}

/**
 * Remembered values: a trie on the fields a binding check depends on (system, version, code and
 * display of each coding; system and code of a Quantity), with how many values are held.
 */
export interface CodingMemo {
  readonly root: Map<unknown, unknown>;
  size: number;
}

/**
 * ElementDefinition extension by which a profile attaches an England rule (src/rules) to an
 * element: `{ "url": englandRuleExtension, "valueCode": "nhs-number" }`.
 */
export const englandRuleExtension =
  'https://mdss.example.org/fhir/StructureDefinition/england-rule';

/** A child reached through a JSON property: the element and, for choice types, the chosen type. */
export interface ChildEntry {
  readonly element: ElementNode;
  /** For `valueQuantity` under `value[x]`: `Quantity`. For non-choice elements: undefined. */
  readonly choiceType?: string | undefined;
  /** The FHIRPath piece for this property: `.name`, or `.value.ofType(Quantity)` (precomputed). */
  readonly piece: string;
  /** The value's FHIR type: the chosen type of a choice, the single type otherwise, undefined when several. */
  readonly type: string | undefined;
  /** True when {@link type} is a primitive type (the JSON value may have a `_name` companion). */
  readonly isPrimitive: boolean;
  /** The companion property name, `_name` (precomputed: a constant key is a fast property lookup). */
  readonly extKey: string;
  /** For a primitive {@link type}: the JS type its JSON value has (`typeof`); undefined otherwise. */
  readonly jsonType: 'boolean' | 'number' | 'string' | undefined;
  /**
   * How the walker dispatches a value of this property (see {@link walkKindOf}): set for the whole
   * structure once it is compiled, so the walker's loop tests one field instead of a chain.
   */
  walk: WalkKind;
  /** The element's `isChoice` (copied: the walker's loop reads the entry, not the element). */
  readonly isChoice: boolean;
  /** The element's {@link ElementNode.cardinalitySlot}, copied when its parent's children are resolved. */
  cardinalitySlot: number | undefined;
  /** The content check of a primitive {@link type}, chosen once (filled by the walker; opaque here). */
  checkValue: ((value: string | number | boolean) => object | undefined) | undefined;
}

/**
 * How the walker dispatches a property's value, chosen once per entry: `settle` (a primitive whose
 * lone valid value needs nothing but its content check: settled without entering the walk);
 * `settleUnlessUrlsChecked` (a uri/url: settled so only when example URLs are allowed);
 * `settleEach` (a repeating primitive, not a uri/url: an array whose every item settles is settled
 * whole, without entering the walk); `primitive` (a lone primitive with value rules, slices or
 * XHTML: its value is checked without the general property walk); `object` (a lone complex value:
 * walked without the general property checks); `objects` (a repeating complex element, not sliced:
 * its array is walked item by item without the general property checks); `general` (everything
 * else: primitive arrays with rules, sliced arrays, choice type slices, several types); `skip` (not
 * walked: a resource walked again with a second profile, where this element's rules are those of
 * the first profile, already walked; see profile-overlap.ts).
 */
export type WalkKind =
  | 'settle'
  | 'settleUnlessUrlsChecked'
  | 'settleEach'
  | 'primitive'
  | 'object'
  | 'objects'
  | 'general'
  | 'skip';

/** The {@link WalkKind} of a child entry (its element's slices must be attached: compile done). */
export function walkKindOf(entry: ChildEntry): WalkKind {
  const el = entry.element;
  // a choice type slice (`value[x]:valueQuantity`) may apply to the value: the general walk finds it
  const choiceSliced = el.slices !== undefined && entry.choiceType !== undefined;
  if (entry.jsonType === undefined) {
    // not a primitive: one value of one type, or an unsliced array
    if (el.isArray) return el.slices && el.slicing ? 'general' : 'objects';
    return entry.type !== undefined && !choiceSliced ? 'object' : 'general';
  }
  if (el.valueRules !== undefined || el.slices !== undefined || entry.type === 'xhtml')
    return el.isArray || choiceSliced ? 'general' : 'primitive';
  const isUrl = entry.type === 'uri' || entry.type === 'url';
  if (el.isArray) return isUrl ? 'general' : 'settleEach';
  return isUrl ? 'settleUnlessUrlsChecked' : 'settle';
}

/** The compiled ElementDefinition. */
export interface ElementNode {
  readonly id: string;
  readonly path: string;
  /** Last path segment without `[x]` (`value` for `Observation.value[x]`). */
  readonly name: string;
  readonly min: number;
  /** `Infinity` for `*`. */
  readonly max: number;
  /** True when the element repeats in the base definition (JSON array), whatever a profile did to max. */
  readonly isArray: boolean;
  readonly isChoice: boolean;
  readonly types: readonly TypeRef[];
  /** True when some type names profiles (`Quantity` as `SimpleQuantity`, an extension's definition). */
  readonly hasTypeProfiles: boolean;
  readonly constraints: readonly ConstraintRule[];
  /** `#Questionnaire.item` style reference: children come from that element. */
  readonly contentReference?: string | undefined;
  readonly definition: ElementDefinition;
  /** `definition.sliceName` (copied: one node shape to read, not the definition's many). */
  readonly sliceName: string | undefined;
  /** `definition.slicing` (copied, like {@link sliceName}). */
  readonly slicing: ElementDefinition['slicing'] | undefined;
  readonly valueRules?: ValueRules | undefined;
  /** `ElementDefinition.mustSupport`, recorded for must-support coverage in reports. */
  readonly mustSupport?: boolean | undefined;
  /** Children from the snapshot (backbone elements, or type children constrained by a profile). */
  children?: Map<string, ChildEntry> | undefined;
  /** Child elements in definition order (for cardinality checks), filled with `children`. */
  childList?: ElementNode[] | undefined;
  /** Slices defined on this element (`sliceName` → element), when the element is sliced. */
  slices?: ElementNode[] | undefined;
  /**
   * Index of this element in its parent's cardinality checks (see `ResolvedChildren`), set when the
   * parent's children are first resolved; undefined when its count cannot break cardinality.
   */
  cardinalitySlot?: number | undefined;
  /** Profiles named by the element's types, flattened once (for resource elements). */
  typeProfileList?: readonly string[] | undefined;
  /** The walker's target for a complex value of this element (cached by the walker; opaque here). */
  complexTarget?: object | undefined;
  /**
   * For a slice: whether its sliced element holds rules the slice lacks, so items matching it are
   * also walked against the sliced element (filled on first use by slicing/slicer-rules.ts).
   */
  slicerAddsRules?: boolean | undefined;
  /** For a sliced element: its compiled slicing (filled on first use by the validator; opaque here). */
  compiledSlicing?: object | undefined;
  /** The walk targets of the element's other types (a choice), by type (filled by the walker). */
  complexTargetsByType?: Map<string | undefined, object> | undefined;
}

/** The compiled StructureDefinition. */
export interface CompiledStructure {
  readonly url: string;
  readonly version?: string | undefined;
  /** `url|version` (or `url` without a version), as applied profiles are recorded; made once. */
  readonly canonical?: string;
  readonly name: string;
  /** The type constrained (`Patient`, `HumanName`, `Extension`). */
  readonly type: string;
  readonly kind: string;
  readonly derivation?: string | undefined;
  readonly root: ElementNode;
  /** All elements by id, including slices. */
  readonly byId: ReadonlyMap<string, ElementNode>;
  /** The walker's target for a resource root of this structure (cached by the walker; opaque here). */
  rootTarget?: object | undefined;
  /**
   * The walker's targets for walking a resource again with this profile after another one, by that
   * other profile (made once by the walker; opaque here; see profile-overlap.ts).
   */
  rewalkTargets?: Map<CompiledStructure, object> | undefined;
}
