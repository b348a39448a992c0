/**
 * The input of every validation renderer: one validated file (or request body) and the run it
 * belongs to. Renderers are pure: everything they print comes from these values and their options.
 * @module
 */
import type { ValidationResult } from '../../validation-result.js';

/** One validated file: where it was, which feed it was read as, and what validation found. */
export interface FileResult {
  /** Path relative to the working directory, with forward slashes (`examples/p1/patient.json`). */
  readonly file: string;
  /** The feed the file was validated as: `fhir`, `cld`, … */
  readonly feed: string;
  readonly result: ValidationResult;
  /** Measured time to read and check the file, in milliseconds (given by the caller; JUnit `time`). */
  readonly durationMs?: number;
}

/** What every report says about the run itself (tool and framework versions, clock values). */
export interface RunInfo {
  readonly toolName: 'mdss';
  readonly toolVersion: string;
  readonly frameworkVersion: string;
  /** ISO 8601 instant the run started; passed in by the caller (renderers never read a clock). */
  readonly startedAt?: string;
  /** Wall-clock duration of the run in milliseconds, measured by the caller. */
  readonly durationMs?: number;
}
