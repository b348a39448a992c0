/**
 * Checks of the terminology resources themselves (ValueSet, CodeSystem, ConceptMap) against the
 * local terminology, the way the HL7 validator's ValueSet/CodeSystem/ConceptMap validators do what
 * needs no terminology server. See terminology-resources.md.
 * @module
 */
export { checkCodeSystem } from './code-system.js';
export { checkConceptMap } from './concept-map.js';
export { checkValueSet } from './value-set.js';
