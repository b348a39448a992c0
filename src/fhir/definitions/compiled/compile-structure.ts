import { PackError } from '../../../errors.js';
import { bindingsOf } from '../../terminology/bindings-of.js';
import type { ElementDefinition, StructureDefinition } from '../conformance-resource.js';
import { jsonTypeOf, primitiveTypes } from '../primitive-types.js';
import {
  englandRuleExtension,
  walkKindOf,
  type ChildEntry,
  type CompiledStructure,
  type ConstraintRule,
  type ElementNode,
  type NarrativeControl,
  type TypeRef,
  type ValueRules,
} from './element-node.js';

/**
 * Compiles a StructureDefinition that has a snapshot into an {@link CompiledStructure}: one
 * {@link ElementNode} per snapshot element, linked parent → children by element id, slices attached
 * to their sliced element, choice elements reachable under each renamed JSON property
 * (`value[x]` → `valueQuantity`, `valueString`, …).
 * @throws PackError when the StructureDefinition has no snapshot.
 */
export function compileStructure(sd: StructureDefinition): CompiledStructure {
  const elements = sd.snapshot?.element;
  if (!elements || elements.length === 0) {
    throw new PackError(
      'pack.no-snapshot',
      `StructureDefinition ${sd.url ?? sd.id ?? '?'} has no snapshot`,
    );
  }
  const byId = new Map<string, ElementNode>();
  let root: ElementNode | undefined;
  for (const ed of elements) {
    const node = toNode(ed);
    byId.set(node.id, node);
    if (!root) {
      root = node;
      continue;
    }
    attach(node, byId);
  }
  // slices attach after their element's entry was made: the walk kinds are known only now
  for (const node of byId.values())
    if (node.children) for (const entry of node.children.values()) entry.walk = walkKindOf(entry);
  // every field, in one order (one object shape; the walker fills the last two)
  return {
    url: sd.url ?? '',
    version: sd.version ? sd.version : undefined,
    canonical: sd.version ? `${sd.url ?? ''}|${sd.version}` : (sd.url ?? ''),
    name: sd.name ?? sd.id ?? '',
    type: sd.type ?? '',
    kind: sd.kind ?? '',
    derivation: sd.derivation ? sd.derivation : undefined,
    root: root!,
    byId,
    rootTarget: undefined,
    rewalkTargets: undefined,
  };
}

/**
 * One compiled element. Every node has every field, in one order (undefined where it does not
 * apply, filled later by the walker where noted on {@link ElementNode}): all nodes share one
 * object shape, so the walker's and the checks' reads of a node's fields stay monomorphic.
 */
function toNode(ed: ElementDefinition): ElementNode {
  const path = ed.path ?? '';
  const id = ed.id ?? path;
  const last = path.slice(path.lastIndexOf('.') + 1);
  const isChoice = last.endsWith('[x]');
  const baseMax = ed.base?.max ?? ed.max ?? '1';
  // the lists by plain loops, not map/some/filter with callbacks: every element of every profile
  // used is compiled on first use, while the first Bundles are validated, and the optimising
  // compiler inlines each array method with its callback (the same lists, in the same order)
  const edTypes = ed.type ?? [];
  const types: TypeRef[] = [];
  let hasTypeProfiles = false;
  for (let i = 0; i < edTypes.length; i++) {
    const t = edTypes[i]!;
    types.push(toTypeRef(t));
    if ((t.profile?.length ?? 0) > 0) hasTypeProfiles = true;
  }
  const edConstraints = ed.constraint ?? [];
  const constraints: ConstraintRule[] = [];
  for (let i = 0; i < edConstraints.length; i++) {
    const c = edConstraints[i]!;
    if (c.expression && c.key) constraints.push(toConstraint(c));
  }
  return {
    id,
    path,
    name: isChoice ? last.slice(0, -3) : last,
    min: ed.min ?? 0,
    max: ed.max === '*' ? Infinity : ed.max === undefined ? Infinity : Number(ed.max),
    isArray: baseMax !== '1' && baseMax !== '0',
    isChoice,
    types,
    hasTypeProfiles,
    constraints,
    contentReference: ed.contentReference
      ? ed.contentReference.slice(ed.contentReference.indexOf('#') + 1)
      : undefined,
    definition: ed,
    sliceName: ed.sliceName,
    slicing: ed.slicing,
    valueRules: valueRules(ed),
    mustSupport: ed.mustSupport ? true : undefined,
    children: undefined,
    childList: undefined,
    slices: undefined,
    cardinalitySlot: undefined,
    typeProfileList: undefined,
    complexTarget: undefined,
    slicerAddsRules: undefined,
    compiledSlicing: undefined,
    complexTargetsByType: undefined,
  };
}

/**
 * Required bindings the HL7 validator enforces as extensible: R4's vital signs profiles bind
 * `Observation.component.value[x]` to Vital Signs Units (`required` in the R4 definitions), yet the
 * reference validator, applying those profiles, reports a unit outside it (L/min for an oxygen flow
 * component) as a warning "should come from this value set". MDSS follows the reference outcome.
 */
const extensibleInPractice: ReadonlySet<string> = new Set([
  'http://hl7.org/fhir/ValueSet/ucum-vitals-common|4.0.1',
  'http://hl7.org/fhir/ValueSet/ucum-vitals-common',
]);

/** The value-rule prefix a property name may start with, by its first letters (see {@link valueRules}). */
function valueRulePrefix(k: string): 'fixed' | 'pattern' | 'minValue' | 'maxValue' | undefined {
  const c = k.charCodeAt(0);
  if (c === 102 /* f */) return 'fixed';
  if (c === 112 /* p */) return 'pattern';
  if (c !== 109 /* m */) return undefined;
  const d = k.charCodeAt(1);
  return d === 105 /* i */ ? 'minValue' : d === 97 /* a */ ? 'maxValue' : undefined;
}

/**
 * Matches the names (joined by spaces) when one may be a value rule: a prefix followed by a character
 * below `a` (`fixedUri`, `pattern[x]`); the loop in {@link valueRules} decides each name.
 */
const valueRuleName = /(?:^| )(?:fixed|pattern|minValue|maxValue)[\0-\x60]/;

/** A {@link ValueRules} being filled. */
type MutableRules = { -readonly [K in keyof ValueRules]: ValueRules[K] };

/**
 * Picks `fixed…`, `pattern…`, `minValue…`, `maxValue…`, maxLength and a checkable binding (and the
 * rules read from extensions); undefined when the element has none.
 */
function valueRules(ed: ElementDefinition): ValueRules | undefined {
  // made when the first rule is found (most elements have none): the same keys in the same order
  let rules: MutableRules | undefined;
  // own names in order; most elements have no `fixed…`, `pattern…`, `minValue…` or `maxValue…`,
  // which one regular expression over the names tells (every element of every profile used is
  // compiled on first use, mostly before the code is optimised: a loop over every name made this
  // function hot enough to be optimised, at a cost of more than the loop itself)
  const names = Object.keys(ed);
  if (valueRuleName.test(names.join(' ')))
    for (let i = 0; i < names.length; i++) {
      const k = names[i]!;
      const prefix = valueRulePrefix(k);
      if (
        prefix !== undefined &&
        k.length > prefix.length &&
        k.startsWith(prefix) &&
        k.charCodeAt(prefix.length) < 97
      )
        (rules ??= {})[prefix] = (ed as unknown as Record<string, unknown>)[k];
    }
  if (typeof ed.maxLength === 'number') (rules ??= {}).maxLength = ed.maxLength;
  const types = ed.type;
  if (
    types !== undefined &&
    types.length > 0 &&
    hasOwnConstraint(ed.constraint) &&
    types.every((t) => primitiveTypes.has(fhirTypeCode(t)))
  )
    (rules ??= {}).primitiveConstraints = true;
  // the rules read from extensions (and R5 properties): none without them (most elements)
  const r5 = ed as { mustHaveValue?: unknown; valueAlternatives?: unknown };
  if (
    (ed.extension !== undefined && ed.extension.length > 0) ||
    r5.mustHaveValue !== undefined ||
    r5.valueAlternatives !== undefined
  )
    rules = extensionRules(ed, rules);
  return ed.binding === undefined ? rules : bindingRules(ed.binding, rules);
}

/** {@link valueRules}' binding rules (a checkable binding, further bindings), added to `rules`. */
function bindingRules(
  b: NonNullable<ElementDefinition['binding']>,
  rules: MutableRules | undefined,
): MutableRules | undefined {
  if (b.valueSet && (b.strength === 'required' || b.strength === 'extensible')) {
    (rules ??= {}).binding = {
      strength:
        b.strength === 'required' && extensibleInPractice.has(b.valueSet)
          ? 'extensible'
          : b.strength,
      valueSet: b.valueSet,
    };
  }
  if (b.extension?.length) {
    const extra = bindingsOf(b)
      .slice(b.strength ? 1 : 0)
      .filter(
        (x): x is { strength: 'required' | 'extensible'; valueSet: string } =>
          (x.strength === 'required' || x.strength === 'extensible') &&
          typeof x.valueSet === 'string',
      );
    if (extra.length) (rules ??= {}).extraBindings = extra;
  }
  return rules;
}

/** True when a constraint other than `ele-1` has a key and an expression. */
function hasOwnConstraint(constraints: ElementDefinition['constraint']): boolean {
  if (constraints === undefined) return false;
  for (const c of constraints) if (c.key !== 'ele-1' && c.expression && c.key) return true;
  return false;
}

/** {@link valueRules}' rules from an element's extensions (presence, England rules, narrative), added to `rules`. */
function extensionRules(
  ed: ElementDefinition,
  rules: MutableRules | undefined,
): MutableRules | undefined {
  const presence = valuePresenceRules(ed);
  if (presence) rules = Object.assign(rules ?? {}, presence);
  const rulesAttached = (ed.extension ?? [])
    .filter((e) => e.url === englandRuleExtension && typeof e.valueCode === 'string')
    .map((e) => e.valueCode!);
  if (rulesAttached.length) (rules ??= {}).englandRules = rulesAttached;
  const narrative = narrativeControlOf(ed);
  if (narrative) (rules ??= {}).narrative = narrative;
  return rules;
}

const languageControlUrl = 'http://hl7.org/fhir/StructureDefinition/narrative-language-control';
const sourceControlUrl = 'http://hl7.org/fhir/StructureDefinition/narrative-source-control';

/** The narrative controls an element definition carries, if any. */
function narrativeControlOf(ed: ElementDefinition): NarrativeControl | undefined {
  if (!ed.extension?.length) return undefined;
  const languages: string[] = [];
  let source: string | undefined;
  for (const e of ed.extension) {
    if (e.url === languageControlUrl && typeof e.valueCode === 'string')
      languages.push(e.valueCode);
    else if (e.url === sourceControlUrl && typeof e.valueCode === 'string') source = e.valueCode;
  }
  if (languages.length === 0 && source === undefined) return undefined;
  return source === undefined ? { languages } : { languages, source };
}

/** The `minLength` extension (R4 core: a string's minimum length on an ElementDefinition). */
const minLengthExtension = 'http://hl7.org/fhir/StructureDefinition/minLength';
/** R5 ElementDefinition.mustHaveValue / valueAlternatives, as R4 carries them (cross-version extensions). */
const mustHaveValueExtension =
  'http://hl7.org/fhir/5.0/StructureDefinition/extension-ElementDefinition.mustHaveValue';
const valueAlternativesExtension =
  'http://hl7.org/fhir/5.0/StructureDefinition/extension-ElementDefinition.valueAlternatives';

/** `minLength`, `mustHaveValue` and `valueAlternatives` of an element, from its extensions (or R5 properties). */
function valuePresenceRules(
  ed: ElementDefinition,
): Pick<ValueRules, 'minLength' | 'mustHaveValue' | 'valueAlternatives'> | undefined {
  const r5 = ed as { mustHaveValue?: unknown; valueAlternatives?: unknown };
  let minLength: number | undefined;
  let mustHaveValue = r5.mustHaveValue === true;
  const alternatives: string[] = Array.isArray(r5.valueAlternatives)
    ? r5.valueAlternatives.filter((v): v is string => typeof v === 'string')
    : [];
  for (const e of ed.extension ?? []) {
    const x = e as {
      url?: string;
      valueInteger?: unknown;
      valueBoolean?: unknown;
      valueCanonical?: unknown;
    };
    if (x.url === minLengthExtension && typeof x.valueInteger === 'number')
      minLength = x.valueInteger;
    else if (x.url === mustHaveValueExtension && x.valueBoolean === true) mustHaveValue = true;
    else if (x.url === valueAlternativesExtension && typeof x.valueCanonical === 'string')
      alternatives.push(x.valueCanonical);
  }
  if (minLength === undefined && !mustHaveValue && alternatives.length === 0) return undefined;
  return {
    ...(minLength !== undefined ? { minLength } : {}),
    ...(mustHaveValue ? { mustHaveValue } : {}),
    ...(alternatives.length ? { valueAlternatives: alternatives } : {}),
  };
}

function toTypeRef(t: NonNullable<ElementDefinition['type']>[number]): TypeRef {
  return {
    code: fhirTypeCode(t),
    profiles: t.profile ?? [],
    targetProfiles: t.targetProfile ?? [],
  };
}

/** The FHIR type of a `type` entry; FHIRPath System types (`.value` of primitives) map back via the fhir-type extension. */
function fhirTypeCode(t: NonNullable<ElementDefinition['type']>[number]): string {
  const code = t.code ?? '';
  if (code.startsWith('http://hl7.org/fhirpath/System.')) {
    const ext = t.extension?.find(
      (e) => e.url === 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type',
    );
    return ext?.valueUrl ?? ext?.valueUri ?? code;
  }
  return code;
}

const bestPracticeUrl = 'http://hl7.org/fhir/StructureDefinition/elementdefinition-bestpractice';

function toConstraint(c: NonNullable<ElementDefinition['constraint']>[number]): ConstraintRule {
  // every field, in one order (one object shape for the constraint loop's reads)
  return {
    key: c.key!,
    severity: c.severity === 'warning' ? 'warning' : 'error',
    human: c.human ?? '',
    expression: c.expression!,
    source: c.source ? c.source : undefined,
    bestPractice: c.extension?.some((e) => e.url === bestPracticeUrl && e.valueBoolean === true)
      ? true
      : undefined,
  };
}

/** Links a node to its parent (by id) or, for a slice, to its sliced element. */
function attach(node: ElementNode, byId: Map<string, ElementNode>): void {
  const cut = lastSegmentStart(node.id, node.path);
  if (cut <= 0) return;
  const parentId = node.id.slice(0, cut - 1);
  const segment = node.id.slice(cut);
  const colon = segment.indexOf(':');
  if (colon >= 0) {
    const slashed = segment.lastIndexOf('/');
    const slicedSegment = slashed > colon ? segment.slice(0, slashed) : segment.slice(0, colon);
    const sliced = byId.get(`${parentId}.${slicedSegment}`);
    if (sliced) (sliced.slices ??= []).push(node);
    return;
  }
  const parent = byId.get(parentId);
  if (parent) addChild(parent, node);
}

/**
 * Start index of the last segment of an element id. The path's last name is known, so slice names
 * containing dots (`extension:a.b`) cannot confuse the split.
 */
function lastSegmentStart(id: string, path: string): number {
  const lastName = path.slice(path.lastIndexOf('.') + 1);
  if (id.endsWith(`.${lastName}`)) return id.length - lastName.length;
  const sliced = id.lastIndexOf(`.${lastName}:`);
  return sliced >= 0 ? sliced + 1 : -1;
}

/** Registers `child` under the JSON property names it answers to. */
export function addChild(parent: ElementNode, child: ElementNode): void {
  const children = (parent.children ??= new Map<string, ChildEntry>());
  (parent.childList ??= []).push(child);
  if (child.isChoice) {
    for (const t of child.types) {
      const jsonName = child.name + capitalise(t.code);
      const isPrimitive = primitiveTypes.has(t.code);
      children.set(jsonName, {
        element: child,
        choiceType: t.code,
        piece: `.${child.name}.ofType(${t.code})`,
        type: t.code,
        isPrimitive,
        extKey: `_${jsonName}`,
        jsonType: isPrimitive ? jsonTypeOf(t.code) : undefined,
        walk: 'general',
        isChoice: true,
        cardinalitySlot: undefined,
        checkValue: undefined,
      });
    }
  } else {
    const type = child.types.length === 1 ? child.types[0]!.code : undefined;
    const isPrimitive = type !== undefined && primitiveTypes.has(type);
    children.set(child.name, {
      element: child,
      choiceType: undefined, // every entry has every field (one object shape)
      piece: `.${child.name}`,
      type,
      isPrimitive,
      extKey: `_${child.name}`,
      jsonType: isPrimitive ? jsonTypeOf(type) : undefined,
      walk: 'general',
      isChoice: false,
      cardinalitySlot: undefined,
      checkValue: undefined,
    });
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
