/**
 * Node-only: the pull service behind `POST /v1/partners/{id}/pull`. Looks the partner up in the
 * store, builds the endpoint from its registration, and runs a federated pull with the service's
 * validator and the framework's profiles; the pull is recorded in the store as a submission.
 * @module
 */
import type { Checker } from '../check/create-checker.js';
import { endpointFromStored, pullPartner, toPullReport } from '../federation/index.js';
import type { Store } from '../store/store.js';
import type { PullService } from './app-deps.js';

/** The pull service over `store`, running the service's pipeline (base R4 and the framework's profiles). */
export function createPullService(
  store: Store,
  checker: Checker,
  env: Readonly<Record<string, string | undefined>>,
  packages: readonly string[],
): PullService {
  const byType = checker.frameworkProfiles;
  return async (partnerId, options) => {
    const partner = await store.getPartner(partnerId);
    if (!partner) return { status: 'unknown-partner' };
    if (!partner.fhirEndpoint) return { status: 'no-endpoint' };
    const outcome = await pullPartner({
      partnerId,
      endpoint: endpointFromStored(partner.fhirEndpoint),
      checker,
      profilesByType: byType,
      secrets: (ref) => env[ref],
      packages,
      store,
      ...(options.sampleSize !== undefined ? { sampleSize: options.sampleSize } : {}),
      ...(options.recordId !== undefined ? { recordId: options.recordId } : {}),
    });
    return { status: 'ok', report: toPullReport(outcome) };
  };
}
