/**
 * Partner routes, present when a store is configured: `POST /v1/partners/{partnerId}/submissions`
 * (validate and record a summary; only that partner's key, or anyone in open mode, where a new
 * partner id creates the partner), `GET /v1/partners/{partnerId}/report` (that partner's key or the
 * lead) and `GET /v1/report` (the ICS matrix; lead only). Nothing from the payload's values is
 * stored: only the submission summary (counts, codes, paths, hashes, versions).
 * @module
 */
import { isPartnerKind, type Partner } from '../../reports/conformance/partner.js';
import { loadIcsMatrix, loadScorecard } from '../../reports/conformance/load-reports.js';
import { renderMatrixCsv, renderScorecardCsv } from '../../reports/conformance/render-csv.js';
import { renderMatrixHtml } from '../../reports/conformance/render-matrix-html.js';
import { renderMatrixJson, renderScorecardJson } from '../../reports/conformance/render-json.js';
import {
  renderMatrixMarkdown,
  renderScorecardMarkdown,
} from '../../reports/conformance/render-markdown.js';
import { renderScorecardHtml } from '../../reports/conformance/render-scorecard-html.js';
import { HttpProblem, httpProblem } from '../http-problem.js';
import { requireLead, requirePartnerAccess } from '../middleware/auth.js';
import type { PartnerData } from '../partner-data.js';
import {
  readFormat,
  readPeriod,
  reportFormats,
  reportMediaTypes,
  type ReportFormat,
} from '../report-request.js';
import type { RouteContext } from '../route-context.js';
import { readUpTo, requireMediaType } from '../read-body.js';
import { uploadMediaTypes, uploadReport, validateUpload } from '../validate-upload.js';
import { uploadBody, uploadParameters } from './feed-validate.js';
import { runsAsJob, submitJob } from './submit-job.js';

/** Partner ids: letters, digits, dot, dash, underscore; at most 64. */
export const partnerIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
const partnerParam = {
  name: 'partnerId',
  in: 'path' as const,
  required: true,
  description: 'Partner id (ODS code or local id)',
  schema: { type: 'string', pattern: partnerIdPattern.source },
};
const periodParams = [
  {
    name: 'from',
    in: 'query' as const,
    description:
      'Period start (ISO date or instant with zone, inclusive); default the start of the calendar month (UTC) of `to`, or of the current month',
    schema: { type: 'string' },
  },
  {
    name: 'to',
    in: 'query' as const,
    description:
      'Period end (ISO date or instant with zone, exclusive); default the end of the current calendar month (UTC)',
    schema: { type: 'string' },
  },
  {
    name: 'format',
    in: 'query' as const,
    description: 'json, csv, markdown or html; default from Accept, else json',
    schema: { enum: [...reportFormats] },
  },
];
const reportContent = Object.fromEntries(
  Object.values(reportMediaTypes).map((t) => [t.split(';')[0]!, { type: 'string' }]),
);

function checkPartnerId(id: string): void {
  if (!partnerIdPattern.test(id))
    throw httpProblem(400, 'http.invalid-parameter', {
      name: 'partnerId',
      reason: 'letters, digits, dot, dash or underscore, at most 64',
    });
}

async function existingPartner(partners: PartnerData, id: string): Promise<Partner> {
  const partner = await partners.getPartner(id);
  if (!partner) throw httpProblem(404, 'http.not-found', { what: `partner ${id}` });
  return partner;
}

/** Registers the partner submission and report routes over `partners`. */
export function registerPartnerRoutes({ routes, deps }: RouteContext, partners: PartnerData): void {
  routes.add(
    {
      method: 'post',
      path: '/v1/partners/{partnerId}/submissions',
      operationId: 'submit',
      summary: "Validate a feed and record its summary for the partner (that partner's key)",
      tags: ['Partners'],
      auth: 'key',
      parameters: [partnerParam, ...uploadParameters],
      requestBody: uploadBody,
      responses: {
        '201': {
          description: 'Recorded: submission id, validation report and stored summary',
          content: { 'application/json': { type: 'object', required: ['submissionId'] } },
        },
        '202': {
          description:
            'Accepted as a job (a job queue is configured and the declared body passes `asyncAboveBytes`, or `Prefer: respond-async`, or a body without `Content-Length` (chunked) passes the synchronous limit as it streams in): poll `Location: /v1/jobs/{jobId}`',
          content: { 'application/json': { type: 'object', required: ['jobId', 'state'] } },
        },
      },
      errors: [400, 403, 404, 413, 415, 422, 503],
    },
    async (c) => {
      const partnerId = c.req.param('partnerId') ?? '';
      checkPartnerId(partnerId);
      const principal = c.get('principal');
      requirePartnerAccess(principal, partnerId, 'submit for this partner', false);
      if (principal.kind !== 'open') await existingPartner(partners, partnerId);
      if (
        deps.jobs &&
        runsAsJob(
          c.req.header('content-length'),
          c.req.header('prefer'),
          deps.limits.asyncAboveBytes,
        )
      ) {
        return submitJob(c, deps, deps.jobs, partnerId, principal.kind === 'open');
      }
      let read: Uint8Array | undefined;
      if (deps.jobs && c.req.header('content-length') === undefined) {
        // Chunked, size unknown: read up to the synchronous limit; past it, continue as a job.
        requireMediaType(c.req.header('content-type'), Object.keys(uploadMediaTypes));
        const limit = Math.min(deps.limits.asyncAboveBytes, deps.limits.maxBodyBytes);
        const head = await readUpTo(c.req.raw.body, limit);
        if ('overflow' in head)
          return submitJob(c, deps, deps.jobs, partnerId, principal.kind === 'open', head.overflow);
        read = head.bytes;
      }
      const upload = await validateUpload(c, deps, partnerId, read);
      // A payload without a single record (`[]`, `{}`, `null`, a bare value, a header-only CSV) is not a submission: nothing to score.
      if (upload.result.recordCount === 0) throw new HttpProblem(422, upload.result.issues);
      const { id } = await partners.recordSubmission(upload.summary, {
        createPartner: principal.kind === 'open',
      });
      return c.json(
        { submissionId: id, partnerId, ...uploadReport(deps, upload), submission: upload.summary },
        201,
      );
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/v1/partners/{partnerId}/report',
      operationId: 'partnerReport',
      summary:
        "A partner's scorecard: requirements, gaps, trend, maturity (that partner's key or the lead)",
      tags: ['Reports'],
      auth: 'key',
      parameters: [partnerParam, ...periodParams],
      responses: { '200': { description: 'Scorecard', content: reportContent } },
      errors: [400, 403, 404, 503],
    },
    async (c) => {
      const partnerId = c.req.param('partnerId') ?? '';
      checkPartnerId(partnerId);
      requirePartnerAccess(c.get('principal'), partnerId, "read this partner's report", true);
      const format = readFormat(c.req.query('format'), c.req.header('accept'));
      await existingPartner(partners, partnerId);
      const now = deps.clock();
      const period = readPeriod(c.req.query('from'), c.req.query('to'), now);
      const card = (await loadScorecard(
        partners,
        deps.catalogue,
        partnerId,
        period,
        now,
        deps.constraintText,
      ))!;
      return render(
        c,
        format,
        () => renderScorecardJson(card),
        () => renderScorecardCsv(card),
        () => renderScorecardMarkdown(card),
        () => renderScorecardHtml(card, styles(deps.reportStyles)),
      );
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/v1/report',
      operationId: 'icsReport',
      summary: 'The ICS-wide matrix, partners × requirements (lead key)',
      tags: ['Reports'],
      auth: 'key',
      parameters: [
        ...periodParams,
        {
          name: 'kind',
          in: 'query',
          description: 'Only partners of this kind',
          schema: { type: 'string' },
        },
      ],
      responses: { '200': { description: 'Matrix', content: reportContent } },
      errors: [400, 403, 503],
    },
    async (c) => {
      requireLead(c.get('principal'), 'read the ICS-wide report');
      const format = readFormat(c.req.query('format'), c.req.header('accept'));
      const kind = c.req.query('kind');
      if (kind !== undefined && !isPartnerKind(kind))
        throw httpProblem(400, 'http.invalid-parameter', {
          name: 'kind',
          reason: 'not a partner kind',
        });
      const now = deps.clock();
      const period = readPeriod(c.req.query('from'), c.req.query('to'), now);
      const matrix = await loadIcsMatrix(partners, deps.catalogue, period, now, kind);
      return render(
        c,
        format,
        () => renderMatrixJson(matrix),
        () => renderMatrixCsv(matrix),
        () => renderMatrixMarkdown(matrix),
        () =>
          renderMatrixHtml(matrix, {
            ...styles(deps.reportStyles),
            scorecardHref: scorecardLink(c.req.query('from'), c.req.query('to')),
          }),
      );
    },
  );
}

/** Links from the matrix to each partner's HTML scorecard for the same period. */
function scorecardLink(
  from: string | undefined,
  to: string | undefined,
): (partnerId: string) => string {
  const period = `${from !== undefined ? `&from=${encodeURIComponent(from)}` : ''}${to !== undefined ? `&to=${encodeURIComponent(to)}` : ''}`;
  return (partnerId) => `/v1/partners/${encodeURIComponent(partnerId)}/report?format=html${period}`;
}

function styles(css: string | undefined): { styles?: string } {
  return css === undefined ? {} : { styles: css };
}

function render(
  c: { body: (data: string, status: 200, headers: Record<string, string>) => Response },
  format: ReportFormat,
  json: () => string,
  csv: () => string,
  markdown: () => string,
  html: () => string,
): Response {
  const body =
    format === 'json'
      ? json()
      : format === 'csv'
        ? csv()
        : format === 'markdown'
          ? markdown()
          : html();
  return c.body(body, 200, { 'Content-Type': reportMediaTypes[format], Vary: 'Accept' });
}
