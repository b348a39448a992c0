/**
 * The issue-code registry: every code MDSS can report, with its default severity, FHIR issue type,
 * message template and spec link. Codes are public API: see CHANGELOG.md "Issue codes".
 * One file per family; add a family by importing it here (one line).
 */
import type { CodeDefinition, CodeFamily } from '../code-definition.js';
import type { IssueParams } from '../issue.js';
import { bindingCodes } from './binding.js';
import { bundleCodes } from './bundle.js';
import { capabilityCodes } from './capability.js';
import { cardinalityCodes } from './cardinality.js';
import { cldCodes } from './cld.js';
import { engineCodes } from './engine.js';
import { englandCodes } from './england.js';
import { feedCodes } from './feed.js';
import { httpCodes } from './http.js';
import { inputCodes } from './input.js';
import { invariantCodes } from './invariant.js';
import { jsonschemaCodes } from './jsonschema.js';
import { measureCodes } from './measure.js';
import { policyCodes } from './policy.js';
import { primitiveCodes } from './primitive.js';
import { referenceCodes } from './reference.js';
import { profileCodes } from './profile.js';
import { questionnaireCodes } from './questionnaire.js';
import { searchParameterCodes } from './search-parameter.js';
import { terminologyResourceCodes } from './terminology-resource.js';
import { structureCodes } from './structure.js';
import { structureDefinitionCodes } from './structure-definition.js';
import { xmlCodes } from './xml.js';

const families: readonly CodeFamily[] = [
  inputCodes,
  structureCodes,
  cardinalityCodes,
  primitiveCodes,
  invariantCodes,
  engineCodes,
  englandCodes,
  feedCodes,
  cldCodes,
  bindingCodes,
  jsonschemaCodes,
  policyCodes,
  bundleCodes,
  profileCodes,
  httpCodes,
  capabilityCodes,
  referenceCodes,
  questionnaireCodes,
  measureCodes,
  searchParameterCodes,
  structureDefinitionCodes,
  terminologyResourceCodes,
  xmlCodes,
];

/** The registry's type: every family's entries with their literal templates. */
type Registry = typeof bindingCodes &
  typeof bundleCodes &
  typeof capabilityCodes &
  typeof cardinalityCodes &
  typeof cldCodes &
  typeof engineCodes &
  typeof englandCodes &
  typeof feedCodes &
  typeof httpCodes &
  typeof inputCodes &
  typeof invariantCodes &
  typeof jsonschemaCodes &
  typeof measureCodes &
  typeof policyCodes &
  typeof primitiveCodes &
  typeof referenceCodes &
  typeof profileCodes &
  typeof questionnaireCodes &
  typeof searchParameterCodes &
  typeof structureDefinitionCodes &
  typeof terminologyResourceCodes &
  typeof structureCodes &
  typeof xmlCodes;

/** Every registered issue code. */
export type IssueCode = keyof Registry & string;

/** The `{param}` placeholders of a template. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** One parameter value (plain JSON). */
export type IssueParamValue = string | number | boolean | null;

/**
 * The parameters of an issue code, typed from its registry template: exactly the template's
 * placeholders, so a misspelt or missing parameter fails typecheck where the code is a literal.
 * For a code known only as a `string`, any {@link IssueParams}.
 */
export type IssueParamsOf<C extends string> = string extends C
  ? IssueParams
  : C extends IssueCode
    ? { readonly [K in Placeholders<Registry[C]['template']>]: IssueParamValue }
    : IssueParams;

/**
 * A code as a reporter takes it: a literal must be registered (a typo or a code missing from the
 * registry fails typecheck instead of throwing at run time); a plain `string` passes unchecked.
 */
export type ReportableCode<C extends string> = C & (string extends C ? unknown : IssueCode);

/** The read-only registry, keyed by code. */
export const issueCodes: Readonly<Record<string, CodeDefinition>> = Object.freeze(
  Object.assign({}, ...families) as Record<string, CodeDefinition>,
);

/** True when `code` is in the registry. */
export function isIssueCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(issueCodes, code);
}
