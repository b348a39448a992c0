/**
 * The framework's built-in requirement catalogue, bundled as a module so the edge build needs no
 * file system: profiles/requirements.json is imported as JSON and validated once at import.
 * @module
 */
import catalogueJson from '../../profiles/requirements.json' with { type: 'json' };
import { loadCatalogue } from './catalogue.js';
import type { RequirementCatalogue } from './catalogue.js';

/** The built-in catalogue (frozen). Import time throws `ConfigError` only if the shipped file is broken. */
export const builtinCatalogue: RequirementCatalogue = loadCatalogue(catalogueJson);
