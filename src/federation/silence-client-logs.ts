/**
 * fhir-kit-client logs request headers (the Authorization header) and whole response bodies
 * (patient data) through the `debug` package when `DEBUG` enables `fhir-kit-client:*`. A pull must
 * never log payload values or secrets, so those namespaces are switched off, whatever `DEBUG` says;
 * other namespaces keep their setting.
 * @module
 */
import { createRequire } from 'node:module';

interface DebugModule {
  disable(): string;
  enable(namespaces: string): void;
  enabled(name: string): boolean;
}

/** The `debug` instance fhir-kit-client uses (the hoisted one), or undefined when it cannot be loaded. */
export function clientDebug(): DebugModule | undefined {
  try {
    return createRequire(import.meta.url)('debug') as DebugModule;
  } catch {
    return undefined;
  }
}

/** Switches fhir-kit-client's debug logging off (idempotent). */
export function silenceClientLogs(): void {
  const debug = clientDebug();
  if (!debug || !(debug.enabled('fhir-kit-client:error') || debug.enabled('fhir-kit-client:info')))
    return;
  const current = debug.disable();
  debug.enable(current ? `${current},-fhir-kit-client:*` : '-fhir-kit-client:*');
}
