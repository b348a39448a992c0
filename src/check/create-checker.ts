/**
 * The one pipeline behind every front door (CLI, Node server, Worker, demo, federation, library):
 *
 * read (bytes → text, strict UTF-8, size and depth limits) → detect the feed and syntax → parse with
 * positions → validate (FHIR engine with the framework's profiles by resource type and the England
 * rules, or the feed engine) → terminology-server pass (when configured) → requirement tracing →
 * partner policy and waivers → validity.
 *
 * It reads a whole text, whole bytes, or a stream of byte chunks; NDJSON and CSV are read record by
 * record either way, so a stream gives the same issues as the text. Edge-safe: the registry, the
 * catalogue, the terminology client and the clock are injected. Design note: pipeline.md.
 * @module
 */
import { validateFeed, validateFeedStream, validateFeedText } from '../feeds/validate-feed.js';
import { detectFeed, type FeedFormat } from '../feeds/detect-feed.js';
import type { CanonicalRegistry } from '../fhir/definitions/canonical-registry.js';
import type { RemoteTerminology } from '../fhir/terminology/remote-terminology.js';
import { createValidator, type Validator } from '../fhir/validator/create-validator.js';
import type { EngineOptions } from '../fhir/validator/validation-context.js';
import type { FhirPathProvision } from '../fhir/fhirpath.js';
import { applyFramework } from '../framework/apply-framework.js';
import { builtinCatalogue } from '../framework/builtin-catalogue.js';
import type { RequirementCatalogue } from '../framework/catalogue.js';
import { frameworkProfilesOf } from '../framework/framework-profiles.js';
import { createRequirementTracer } from '../framework/requirement-tracer.js';
import { parseJson, ParsedJsonText } from '../input/json-text.js';
import { withPositions } from '../input/issue-positions.js';
import { ndjsonLines } from '../input/ndjson-lines.js';
import { IssueCollector, sortIssues, type IssueInput } from '../issues/collector.js';
import { isValid } from '../issues/validity.js';
import { applyPolicy } from '../policy/apply-policy.js';
import { policyValidateOptions } from '../policy/partner-policy.js';
import type { MembershipAnswers, ValidateOptions, ValidationResult } from '../validation-result.js';
import {
  defaultReadLimits,
  noFramework,
  type CheckOptions,
  type FeedName,
} from './check-options.js';
import {
  builtinSyntaxes,
  sniffSyntax,
  type FhirSyntax,
  type ParsedPayload,
} from './fhir-syntaxes.js';
import { NdjsonRecords, ndjsonTextLines } from './fhir-ndjson.js';
import { LruCache } from '../fhir/terminology/lru-cache.js';
import { createFhirXmlSyntax } from './fhir-xml-syntax.js';
import {
  resolveSliceMembership,
  resolveWithTerminologyServer,
} from './resolve-with-terminology-server.js';

export { feedKinds, isFeedName, noFramework } from './check-options.js';
export type { CheckOptions, FeedName } from './check-options.js';

/** The outcome of one check. */
export interface CheckedPayload {
  /** The feed checked; `unknown` when none was recognised (the result holds `feed.unknown-feed`). */
  readonly feed: FeedName | 'unknown';
  /** The syntax read: `json`, `ndjson`, `csv` or a registered FHIR syntax. */
  readonly format: string;
  readonly result: ValidationResult;
}

/** Options of {@link createChecker}: the one factory of validators and checkers. */
export interface CheckerOptions {
  /** The conformance resources (base R4, the framework's profiles, packages). Validators are built from it, one per engine setting. */
  readonly registry?: CanonicalRegistry;
  /**
   * A ready validator, used for every FHIR check instead of building them from `registry` (its
   * engine options, including framework profiles and the test-number setting, are then fixed).
   */
  readonly validator?: Validator;
  /** The requirement catalogue; default: the built-in framework. */
  readonly catalogue?: RequirementCatalogue;
  /** The framework's profiles by resource type; default: the registry's profiles under the catalogue's canonical base. */
  readonly frameworkProfiles?: Readonly<Record<string, readonly string[]>>;
  /** Other engine behaviour (e.g. extension domains allowed without a definition). */
  readonly engine?: Partial<Pick<EngineOptions, 'allowedExtensionDomains'>>;
  /** Where fhirpath.js comes from (the platform provides it; see src/node/fhirpath-node.ts, src/fhir/fhirpath-bundled.ts). */
  readonly fhirPath?: () => FhirPathProvision;
  /** A FHIR terminology server for codes the offline engine cannot check (async entry points only). */
  readonly terminology?: RemoteTerminology;
  /** More FHIR syntaxes, consulted before the built-in XML (src/check/fhir-xml-syntax.ts), JSON and NDJSON. */
  readonly syntaxes?: readonly FhirSyntax[];
  /** Defaults for every check (a call's options override them). */
  readonly defaults?: CheckOptions;
  /** Monotonic clock of the engine's time budget. */
  readonly clock?: () => number;
}

/** A FHIR resource already parsed by the door, with the text it came from (for positions). */
export interface ResourceSource {
  readonly text: string;
  /** JSON pointer of the resource inside `text` (`/parameter/0/resource`, or `''`). */
  readonly pointer: string;
  /** When the door read `text` with {@link Checker.parse} (a syntax other than JSON): what that read gave. */
  readonly parsed?: Extract<ParsedPayload, { ok: true }>;
}

/** A configured pipeline. */
export interface Checker {
  readonly catalogue: RequirementCatalogue;
  readonly registry: CanonicalRegistry;
  /** The validator of the default options (framework on unless the defaults say `none`). */
  readonly validator: Validator;
  /** The framework's profiles by resource type (applied to every resource of the type when the framework is on). */
  readonly frameworkProfiles: Readonly<Record<string, readonly string[]>>;
  /** The validator for `options` (framework on/off, test numbers), built on first use. */
  validatorFor(options?: CheckOptions): Validator;
  /** Checks a whole text, synchronously: every stage but the terminology-server pass. */
  check(text: string, options?: CheckOptions): CheckedPayload;
  /** Checks a whole text, with the terminology-server pass when configured. */
  checkText(text: string, options?: CheckOptions): Promise<CheckedPayload>;
  /** Checks bytes (strict UTF-8; NDJSON and feeds with bad bytes are read record by record). */
  checkBytes(bytes: Uint8Array, options?: CheckOptions): Promise<CheckedPayload>;
  /** Checks a stream of byte chunks in bounded memory (NDJSON by line, CSV by rows; a JSON document whole, under `maxBytes`). */
  checkStream(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options?: CheckOptions,
  ): Promise<CheckedPayload>;
  /**
   * The parse stage alone, for a door that must look inside the payload before validating (the
   * `$validate` Parameters body): reads `text` with the registered FHIR syntax named `format`
   * (`xml`); undefined when that syntax is JSON (the door parses JSON itself) or unknown.
   */
  parse(text: string, format: string): ParsedPayload | undefined;
  /** Checks one FHIR resource already parsed by the door (the `$validate` Parameters body). */
  checkResource(
    resource: unknown,
    options?: CheckOptions & { readonly source?: ResourceSource },
  ): Promise<CheckedPayload>;
}

/** Bytes read from the start of a stream to detect the feed and syntax. */
const headBytes = 65_536;

/** Validators kept for calls with their own extension domains (least recently used dropped). */
const maxDomainValidators = 8;

/**
 * Creates the pipeline. Give `registry` (the usual case: every door builds it with the framework's
 * profiles loaded), or a ready `validator`.
 * @example
 * const checker = createChecker({ registry });
 * const { feed, result } = checker.check(text, { allowTestNumbers: true });
 */
export function createChecker(options: CheckerOptions): Checker {
  const catalogue = options.catalogue ?? builtinCatalogue;
  const registry = options.registry ?? options.validator?.registry;
  if (!registry) throw new TypeError('createChecker needs a registry or a validator');
  // read from the registry on first need (a `--framework none` run never needs them)
  let frameworkProfiles = options.frameworkProfiles;
  const profilesOfFramework = () =>
    (frameworkProfiles ??= frameworkProfilesOf(registry, catalogue.framework.canonicalBase));
  const tracer = createRequirementTracer(catalogue);
  const syntaxes = [...(options.syntaxes ?? []), createFhirXmlSyntax(registry), ...builtinSyntaxes];
  // the four validators without extension domains are kept; those a call's extension domains ask
  // for are few in practice but chosen by the caller (`?extensionDomain=`), so they are bounded
  const validators = new Map<string, Validator>();
  const domainValidators = new LruCache<string, Validator>(maxDomainValidators);
  const defaults = options.defaults ?? {};

  const settings = (call: CheckOptions | undefined): CheckOptions => {
    const merged = { ...defaults, ...call };
    return merged.policy ? { ...merged, ...policyValidateOptions(merged.policy, merged) } : merged;
  };
  const frameworkOn = (opts: CheckOptions) => opts.framework !== noFramework;

  const validatorFor = (call?: CheckOptions): Validator => {
    if (options.validator) return options.validator;
    const opts = settings(call);
    const on = frameworkOn(opts);
    const allowTestNumbers = opts.allowTestNumbers === true;
    const domains = [...new Set(opts.extensionDomains ?? [])].sort();
    const key = `${on}|${allowTestNumbers}|${domains.join(' ')}`;
    const kept = domains.length ? domainValidators : validators;
    let v = kept.get(key);
    if (!v) {
      v = createValidator({
        registry,
        engine: {
          ...options.engine,
          ...(domains.length
            ? {
                allowedExtensionDomains: [
                  ...(options.engine?.allowedExtensionDomains ?? []),
                  ...domains,
                ],
              }
            : {}),
          allowTestNumbers,
          profilesByType: on ? profilesOfFramework() : {},
        },
        ...(options.fhirPath ? { fhirPath: options.fhirPath } : {}),
        ...(options.clock ? { now: options.clock } : {}),
      });
      kept.set(key, v);
    }
    return v;
  };

  /** Tracing (framework on) and policy, after validation and the terminology pass. */
  const finish = (
    feed: FeedName | 'unknown',
    result: ValidationResult,
    opts: CheckOptions,
  ): ValidationResult => {
    let out = frameworkOn(opts) ? applyFramework(result, catalogue, feed, tracer) : result;
    if (opts.policy) out = applyPolicy(out, opts.policy, opts.now ?? new Date());
    return out;
  };
  /**
   * The terminology-server pass: slice membership first (the payload is validated again with the
   * server's answers, when `revalidate` can), then the codes the walk could not check.
   */
  const finishAsync = async (
    checked: Raw,
    opts: CheckOptions,
    revalidate?: Revalidate,
  ): Promise<CheckedPayload> => {
    let result = checked.result;
    if (options.terminology && checked.feed === 'fhir') {
      if (revalidate)
        result = await resolveSliceMembership(result, revalidate, options.terminology);
      result = await resolveWithTerminologyServer(result, options.terminology);
    }
    return {
      feed: checked.feed,
      format: checked.format,
      result: finish(checked.feed, result, opts),
    };
  };

  const detect = (head: string, opts: CheckOptions): Detected =>
    detectPayload(head, opts, syntaxes);

  /** The accumulator of one NDJSON body: whole-body issue cap and time budget (by the checker's clock). */
  const ndjsonRecords = (opts: CheckOptions): NdjsonRecords =>
    new NdjsonRecords(validatorFor(opts), validateOptions(opts), recordLimits(opts), options.clock);

  /** As {@link validateText}, but an NDJSON body gives the event loop a turn every 10 ms (a service keeps answering). */
  const validateTextAsync = async (text: string, opts: CheckOptions): Promise<Raw> => {
    const d = detect(text, opts);
    if (d.feed !== 'fhir')
      return {
        feed: d.feed ?? 'unknown',
        format: d.format,
        result: await validateFeedText(text, feedOptions(d, opts)),
      };
    if (d.format !== 'ndjson') return validateText(text, opts, undefined, d);
    const records = ndjsonRecords(opts);
    await records.addAll(ndjsonTextLines(text, recordLimits(opts).maxRecordBytes));
    return { feed: 'fhir', format: 'ndjson', result: records.result() };
  };

  /** Validation of a whole text (no terminology, tracing or policy yet); `d`: detection already done. */
  const validateText = (
    text: string,
    opts: CheckOptions,
    membership?: MembershipAnswers,
    d: Detected = detect(text, opts),
  ): Raw => {
    if (d.feed !== 'fhir')
      return { feed: d.feed ?? 'unknown', format: d.format, result: feedText(text, d, opts) };
    const validator = validatorFor(opts);
    const vopts = membership ? { ...validateOptions(opts), membership } : validateOptions(opts);
    if (d.format === 'ndjson') {
      const records = ndjsonRecords(opts);
      for (const line of ndjsonTextLines(text, recordLimits(opts).maxRecordBytes)) {
        records.add(line);
        if (records.done) break;
      }
      return { feed: 'fhir', format: 'ndjson', result: records.result() };
    }
    const syntax = d.syntax;
    if (syntax?.parse) {
      // the syntax's reader bounds its own nesting (the JSON bracket count below does not apply)
      const parsed = syntax.parse(text);
      if (!parsed.ok)
        return {
          feed: 'fhir',
          format: d.format,
          result: { ...problem(), issues: parsed.issues, valid: isValid(parsed.issues) },
        };
      const r = validator.validate(parsed.value, vopts);
      const issues = parsed.place(r.issues);
      return { feed: 'fhir', format: d.format, result: { ...r, issues, valid: isValid(issues) } };
    }
    // parsed once: the depth limit is read from the parsed value, the validator takes the parse
    const maxDepth = opts.maxDepth ?? defaultReadLimits.maxDepth;
    const parsed = parseJson(text, maxDepth);
    if ('tooDeep' in parsed)
      return {
        feed: 'fhir',
        format: d.format,
        result: problem({
          code: 'input.too-deep',
          params: { limit: maxDepth },
          position: parsed.tooDeep,
        }),
      };
    return {
      feed: 'fhir',
      format: d.format,
      result: validator.validate(new ParsedJsonText(text, parsed), vopts),
    };
  };

  const checkStream = async (
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    call?: CheckOptions,
  ): Promise<CheckedPayload> => {
    const opts = settings(call);
    const source = (chunks as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]
      ? (chunks as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
      : toAsync(chunks as Iterable<Uint8Array>);
    const head: Uint8Array[] = [];
    let headSize = 0;
    let done = false;
    while (headSize < headBytes) {
      const next = await source.next();
      if (next.done) {
        done = true;
        break;
      }
      head.push(next.value);
      headSize += next.value.byteLength;
    }
    const rest = async function* (): AsyncGenerator<Uint8Array> {
      yield* head;
      if (done) return;
      for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
    };
    const d = detect(new TextDecoder().decode(concat(head, headSize).subarray(0, headBytes)), opts);
    let raw: Raw;
    let revalidate: Revalidate | undefined;
    if (d.feed === 'fhir' && d.format === 'ndjson') {
      const records = ndjsonRecords(opts);
      await records.addAll(
        ndjsonLines(rest(), { maxLineBytes: recordLimits(opts).maxRecordBytes }),
      );
      raw = { feed: 'fhir', format: 'ndjson', result: records.result() };
    } else if (d.feed === 'fhir') {
      const max = opts.maxBytes ?? defaultReadLimits.maxDocumentBytes;
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of rest()) {
        size += chunk.byteLength;
        if (size > max) break;
        parts.push(chunk);
      }
      if (size > max)
        raw = {
          feed: 'fhir',
          format: d.format,
          result: problem({ code: 'input.too-large', params: { limit: max } }),
        };
      else {
        const text = strictUtf8(concat(parts, size));
        const whole = { ...opts, feed: 'fhir' as const, format: d.format };
        raw =
          text === undefined
            ? { feed: 'fhir', format: d.format, result: problem({ code: 'input.invalid-utf8' }) }
            : validateText(text, whole);
        if (text !== undefined) revalidate = (m) => validateText(text, whole, m).result;
      }
    } else {
      raw = {
        feed: d.feed ?? 'unknown',
        format: d.format,
        result: await feedStream(rest(), d, opts),
      };
    }
    return finishAsync(raw, opts, revalidate);
  };

  return {
    catalogue,
    registry,
    get validator() {
      return validatorFor();
    },
    get frameworkProfiles() {
      return profilesOfFramework();
    },
    validatorFor,
    check(text, call) {
      const opts = settings(call);
      const raw = validateText(text, opts);
      return { feed: raw.feed, format: raw.format, result: finish(raw.feed, raw.result, opts) };
    },
    async checkText(text, call) {
      const opts = settings(call);
      return finishAsync(
        await validateTextAsync(text, opts),
        opts,
        (m) => validateText(text, opts, m).result,
      );
    },
    async checkBytes(bytes, call) {
      const opts = settings(call);
      const text = strictUtf8(bytes);
      // feeds and NDJSON are read giving the event loop a turn every 10 ms (a service keeps answering)
      if (text !== undefined)
        return finishAsync(
          await validateTextAsync(text, opts),
          opts,
          (m) => validateText(text, opts, m).result,
        );
      return checkStream([bytes], call);
    },
    checkStream,
    parse(text, format) {
      return syntaxes.find((s) => s.format === format)?.parse?.(text);
    },
    async checkResource(resource, call) {
      const opts = settings(call);
      const r = validatorFor(opts).validate(resource, validateOptions(opts));
      const source = call?.source;
      if (source?.parsed) {
        const { position, issues: readIssues = [] } = source.parsed;
        const located = r.issues.map((issue) => {
          const at = issue.position ?? position?.(source.pointer + issue.pointer);
          return at && !issue.position ? { ...issue, position: at } : issue;
        });
        const issues = readIssues.length ? sortIssues([...readIssues, ...located]) : located;
        return finishAsync(
          { feed: 'fhir', format: 'xml', result: { ...r, issues, valid: isValid(issues) } },
          opts,
        );
      }
      const place = (v: ValidationResult): ValidationResult =>
        source ? { ...v, issues: withPositions(v.issues, source.text, source.pointer) } : v;
      return finishAsync({ feed: 'fhir', format: 'json', result: place(r) }, opts, (membership) =>
        place(validatorFor(opts).validate(resource, { ...validateOptions(opts), membership })),
      );
    },
  };
}

/** Validates the same payload again with terminology-server answers for slice membership. */
type Revalidate = (membership: MembershipAnswers) => ValidationResult;

/** A validated payload before the terminology pass, tracing and policy. */
interface Raw {
  readonly feed: FeedName | 'unknown';
  readonly format: string;
  readonly result: ValidationResult;
}

/** What detection decided: the feed (undefined: not recognised), the syntax, and the FHIR syntax plug-in if any. */
interface Detected {
  readonly feed: FeedName | undefined;
  readonly format: string;
  readonly syntax?: FhirSyntax;
}

/**
 * The detect stage: explicit `feed`/`format` first; then a registered FHIR syntax that recognises
 * the payload (XML…); then feed detection (CSV header, record keys); a JSON payload that is no
 * known feed is FHIR.
 */
export function detectPayload(
  head: string,
  opts: CheckOptions,
  syntaxes: readonly FhirSyntax[] = builtinSyntaxes,
): Detected {
  const named =
    opts.format !== undefined ? syntaxes.find((s) => s.format === opts.format) : undefined;
  const sniffed =
    opts.format === undefined && (opts.feed === undefined || opts.feed === 'fhir')
      ? sniffSyntax(syntaxes, head, opts.filename)
      : undefined;
  if (sniffed) return { feed: 'fhir', format: sniffed.format, syntax: sniffed };
  const detected = detectFeed(head, opts.filename);
  const format = opts.format ?? detected.format;
  const feed =
    opts.feed ?? (detected.feed as FeedName | undefined) ?? (format !== 'csv' ? 'fhir' : undefined);
  const syntax = named ?? syntaxes.find((s) => s.format === format);
  return { feed, format, ...(syntax ? { syntax } : {}) };
}

function validateOptions(opts: CheckOptions): ValidateOptions {
  return {
    ...(opts.profiles?.length ? { profiles: opts.profiles } : {}),
    ...(opts.maxIssues !== undefined ? { maxIssues: opts.maxIssues } : {}),
    ...(opts.maxDepth !== undefined ? { maxDepth: opts.maxDepth } : {}),
    ...(opts.timeBudgetMs !== undefined ? { timeBudgetMs: opts.timeBudgetMs } : {}),
    ...(opts.showValues ? { showValues: true } : {}),
  };
}

function recordLimits(opts: CheckOptions): { maxRecordBytes: number; maxDepth: number } {
  return {
    maxRecordBytes: Math.min(
      opts.maxBytes ?? defaultReadLimits.maxRecordBytes,
      defaultReadLimits.maxRecordBytes,
    ),
    maxDepth: opts.maxDepth ?? defaultReadLimits.maxDepth,
  };
}

function feedOptions(d: Detected, opts: CheckOptions) {
  const cldRelease = opts.cldRelease ?? opts.policy?.cldRelease;
  return {
    ...(cldRelease ? { cldRelease } : {}),
    ...(d.feed && d.feed !== 'fhir' ? { feed: d.feed } : {}),
    format: d.format as FeedFormat,
    ...(opts.filename !== undefined ? { filename: opts.filename } : {}),
    ...(opts.allowTestNumbers ? { allowTestNumbers: true } : {}),
    ...(opts.maxIssues !== undefined ? { maxIssues: opts.maxIssues } : {}),
    ...(opts.timeBudgetMs !== undefined ? { timeBudgetMs: opts.timeBudgetMs } : {}),
    ...(opts.showValues ? { showValues: true } : {}),
  };
}

function feedText(text: string, d: Detected, opts: CheckOptions): ValidationResult {
  return validateFeed(text, feedOptions(d, opts));
}

function feedStream(
  chunks: AsyncIterable<Uint8Array>,
  d: Detected,
  opts: CheckOptions,
): Promise<ValidationResult> {
  return validateFeedStream(chunks, feedOptions(d, opts));
}

/** A result holding one issue about the payload as a whole. */
function problem(input?: Omit<IssueInput, 'expression' | 'pointer'>): ValidationResult {
  const collector = new IssueCollector();
  if (input) collector.add({ expression: '', pointer: '', ...input });
  const issues = collector.issues();
  return {
    valid: issues.length === 0,
    issues,
    truncated: false,
    profiles: [],
    recordCount: 0,
    records: [],
  };
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8 (never replaced silently). A BOM is kept (the readers skip it). */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

async function* toAsyncGen(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

function toAsync(chunks: Iterable<Uint8Array>): AsyncIterator<Uint8Array> {
  return toAsyncGen(chunks);
}
