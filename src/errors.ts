/**
 * The only exceptions MDSS throws: for broken setup, never for invalid data (invalid data gives issues).
 * @module
 */

/** Invalid options, policy or configuration file. */
export class ConfigError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
    this.code = code;
  }
}

/** A corrupt or incompatible validation pack or FHIR package. */
export class PackError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PackError';
    this.code = code;
  }
}

/** A resolver (file system, KV, terminology server) failed as a service, not because of the data. */
export class ResolverError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ResolverError';
    this.code = code;
  }
}
