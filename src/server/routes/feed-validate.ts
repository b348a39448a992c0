/**
 * `POST /v1/validate`: any feed the framework knows. The feed comes from `?feed=` (fhir, cld, cin) or
 * is detected: a CLD or CIN header/keys make a social-care feed, a JSON object (or NDJSON of
 * objects) is FHIR. The answer is JSON: the issues with their requirement ids, the requirement ids
 * affected and a summary (counts by severity and code, record types, per-requirement outcomes).
 * @module
 */
import { checkParameters, profileParameter } from '../check-request.js';
import type { RouteContext } from '../route-context.js';
import {
  uploadFeeds,
  uploadFormats,
  uploadMediaTypes,
  uploadReport,
  validateUpload,
} from '../validate-upload.js';

/** Query parameters and body shared by the upload routes (also used by partner submissions). */
export const uploadParameters = [
  {
    name: 'feed',
    in: 'query' as const,
    description: 'fhir, cld or cin; detected when absent',
    schema: { enum: [...uploadFeeds] },
  },
  {
    name: 'format',
    in: 'query' as const,
    description: 'csv, json or ndjson; from the content type or detected when absent',
    schema: { enum: [...uploadFormats] },
  },
  ...checkParameters,
  profileParameter,
];

/** Request body description of the upload routes. */
export const uploadBody = {
  description: 'The feed',
  content: Object.fromEntries(Object.keys(uploadMediaTypes).map((t) => [t, { type: 'string' }])),
};

/** Registers `POST /v1/validate`. */
export function registerFeedValidateRoute({ routes, deps }: RouteContext): void {
  routes.add(
    {
      method: 'post',
      path: '/v1/validate',
      operationId: 'validateFeed',
      summary:
        'Validate any feed: FHIR resource/Bundle (JSON or XML)/NDJSON, CLD CSV/JSON/NDJSON, CIN JSON/NDJSON',
      tags: ['Validation'],
      auth: 'key',
      parameters: uploadParameters,
      requestBody: uploadBody,
      responses: {
        '200': {
          description: 'Validation report',
          content: {
            'application/json': {
              type: 'object',
              required: ['feed', 'valid', 'issues', 'summary'],
            },
          },
        },
      },
      errors: [400, 413, 415, 422],
    },
    async (c) => c.json(uploadReport(deps, await validateUpload(c, deps))),
  );
}
