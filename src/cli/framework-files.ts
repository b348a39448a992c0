/**
 * Where the built-in framework lives on disk (profiles/ and schemas/ beside package.json), and
 * loading its FHIR conformance resources for the engine.
 * @module
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadSupportingSync } from './load-supporting.js';

/** The package root (works from src/ under tsx and from dist/ after the build). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/** The framework's FHIR conformance resources (profiles, ValueSets, CodeSystems) from `dir`. */
export function loadFrameworkResources(dir = join(packageRoot(), 'profiles')): unknown[] {
  return existsSync(dir) ? loadSupportingSync(dir) : [];
}
