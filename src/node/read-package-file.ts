/**
 * Node-only: reads a FHIR NPM package file (`.tgz`) through the one package reader
 * (`fhir/package/read-fhir-package.ts`), with its limits from the environment:
 * `MDSS_PACKAGE_MAX_BYTES` (decompressed size, default 256 MiB) and `MDSS_PACKAGE_MAX_ENTRIES`
 * (tar entries, default 100,000). Used by the CLI (`--supporting`) and the Node server (`--package`).
 * @module
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import {
  readFhirPackage,
  type FhirPackageContents,
  type PackageLimits,
} from '../fhir/package/read-fhir-package.js';

/** True for a path named like a packed FHIR NPM package. */
export function isTarball(path: string): boolean {
  return path.endsWith('.tgz') || path.endsWith('.tar.gz');
}

/** The package limits set in the environment (unset variables keep the defaults). */
export function packageLimitsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): PackageLimits {
  const read = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1)
      throw new ConfigError(
        'package.bad-limit',
        `${name}=${raw}: expected a positive whole number`,
      );
    return Number(raw);
  };
  const maxBytes = read('MDSS_PACKAGE_MAX_BYTES');
  const maxEntries = read('MDSS_PACKAGE_MAX_ENTRIES');
  return {
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(maxEntries === undefined ? {} : { maxEntries }),
  };
}

/** Reads a `.tgz` package from disk with the environment's limits (FHIR XML files too with `readXml`). */
export async function readPackageFile(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  readXml?: (text: string) => unknown,
): Promise<FhirPackageContents> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new ConfigError('package.not-found', `No readable file at ${path}`, { cause });
  }
  return readFhirPackage(bytes, {
    label: path,
    limits: packageLimitsFromEnv(env),
    ...(readXml ? { readXml } : {}),
  });
}
