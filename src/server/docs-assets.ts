/**
 * The Swagger UI files `/docs` serves from the same origin (so the page works offline under a CSP
 * that allows nothing else). The Node entry reads them from the pinned `swagger-ui-dist` package
 * (see `readSwaggerUiAssets` in node.ts); without them (e.g. a Worker built without assets) `/docs`
 * is a plain page linking to `/openapi.json`.
 * @module
 */

/** File names `/docs/{asset}` serves, with their media types. */
export const DOCS_ASSET_TYPES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

/** One of {@link DOCS_ASSET_TYPES}. */
export type DocsAssetName = keyof typeof DOCS_ASSET_TYPES;

/** The asset texts, by name. */
export type DocsAssets = Readonly<Record<DocsAssetName, string>>;

/** True for a served asset name. */
export function isDocsAsset(name: string): name is DocsAssetName {
  return Object.hasOwn(DOCS_ASSET_TYPES, name);
}

/**
 * The Content-Security-Policy of `/docs` and its assets: same origin only, no inline script
 * (Swagger UI sets inline styles, so styles allow them), nothing may frame the page.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The script that starts Swagger UI on `/openapi.json` (served as `/docs/init.js`: no inline script). */
export const DOCS_INIT_SCRIPT =
  "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n";

/** The `/docs` page. */
export function docsPage(withAssets: boolean): string {
  const body = withAssets
    ? '<div id="swagger-ui"></div>\n<script src="/docs/swagger-ui-bundle.js"></script>\n<script src="/docs/init.js"></script>'
    : '<main><h1>MDSS API</h1><p>The interactive documentation is not bundled with this deployment. The API is described by <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p></main>';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MDSS API documentation</title>
${withAssets ? '<link rel="stylesheet" href="/docs/swagger-ui.css">\n' : ''}<link rel="icon" href="data:,">
</head>
<body>
${body}
</body>
</html>
`;
}
