/**
 * The framework's built-in requirement catalogue, bundled as a module so the edge build needs no
 * file system: profiles/requirements.json is imported as JSON and frozen at import. It is not
 * validated again in every process (the schema check compiles a large validator on first use, a
 * start-up cost of every CLI run): the shipped file is checked by `loadCatalogue` in the tests
 * (src/framework/catalogue.test.ts), and a catalogue given at run time always is.
 * @module
 */
import catalogueJson from '../../profiles/requirements.json' with { type: 'json' };
import type { RequirementCatalogue } from './catalogue.js';
import { deepFreeze } from './deep-freeze.js';

const shipped = catalogueJson as unknown as RequirementCatalogue;

/** The built-in catalogue (frozen). */
export const builtinCatalogue: RequirementCatalogue = deepFreeze({
  framework: shipped.framework,
  requirements: shipped.requirements,
});
