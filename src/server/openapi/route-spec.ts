/**
 * The description of one route, recorded when the route is registered: the source the OpenAPI
 * document is generated from.
 * @module
 */

/** A JSON Schema (OpenAPI 3.1 uses JSON Schema 2020-12). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One path or query parameter. */
export interface ParameterSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly description: string;
  readonly schema: JsonSchema;
}

/** One response of a route, by media type. */
export interface ResponseSpec {
  readonly description: string;
  readonly content?: Readonly<Record<string, JsonSchema>>;
}

/** A route: method, OpenAPI path (`/fhir/{type}/$validate`), documentation and schemas. */
export interface RouteSpec {
  readonly method: 'get' | 'post';
  /** OpenAPI path template; `{name}` segments become Hono `:name` parameters. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** `key`: needs an API key when keys are configured; `none`: always open. */
  readonly auth: 'key' | 'none';
  readonly parameters?: readonly ParameterSpec[];
  readonly requestBody?: {
    readonly description: string;
    readonly content: Readonly<Record<string, JsonSchema>>;
  };
  /** Success responses by status. */
  readonly responses: Readonly<Record<string, ResponseSpec>>;
  /** Error statuses this route can answer (each an OperationOutcome). */
  readonly errors?: readonly number[];
}

/** The Hono path of an OpenAPI path template. */
export function toHonoPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}
