/**
 * Child process of scripts/fuzz.ts: validates payloads `from .. to` (engine, and the HTTP app via
 * `app.request()` when it exists) and reports progress, crashes (a throw from `validate`, which
 * never throws by contract, a malformed result, a 5xx answer, prototype pollution) over IPC.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { validateFeed, validateFeedStream } from '../src/feeds/validate-feed.js';
import { createChecker } from '../src/check/create-checker.js';
import { StructureModel } from '../src/fhir/definitions/compiled/structure-model.js';
import { createNodeValidator } from '../src/node/create-node-validator.js';
import { openStore } from '../src/store/open-store.js';
import type { Store } from '../src/store/store.js';
import { createPayloadFactory, type FuzzTarget } from './fuzz-payloads.js';
import type { FeedFuzzPayload } from './fuzz-feed-payloads.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    http: { type: 'boolean' },
    target: { type: 'string', default: 'fhir' },
  },
});
const target = values.target as FuzzTarget;
/** A key the feed payloads plant in records: it must never reach a stored summary. */
const plantedKey = 'JohnSmith_9434765918';
const feedTypes = {
  csv: 'text/csv',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
} as const;
const seed = Number(values.seed);
const send = (msg: unknown): void => {
  process.send?.(msg);
};

type App = { request: (path: string, init: RequestInit) => Response | Promise<Response> };

async function main(): Promise<void> {
  const validator = createNodeValidator();
  let app: App | undefined;
  let store: Store | undefined;
  const dir =
    target === 'fhir' || target === 'xml' ? undefined : mkdtempSync(join(tmpdir(), 'mdss-fuzz-'));
  if (values.http) {
    const { createApp } = await import('../src/server/app.js');
    // feed payloads are also submitted, so summaries and the store see them (SQLite in a temp dir)
    store = dir ? await openStore({ sqlitePath: join(dir, 'fuzz.sqlite'), env: {} }) : undefined;
    app = createApp({ validator, ...(store ? { partners: store } : {}) }) as unknown as App;
  }
  const xml =
    target === 'xml' || target === 'all'
      ? { model: new StructureModel(validator.registry), checker: createChecker({ validator }) }
      : undefined;
  const make = createPayloadFactory(seed, target, xml?.model);
  const to = Number(values.to);
  for (let index = Number(values.from); index < to; index++) {
    const payload = make(index);
    send({ type: 'start', index, kind: payload.kind });
    if (payload.xml && xml) {
      // engine only: the pipeline's XML syntax (read, validate, place issues)
      try {
        const r = xml.checker.check(payload.input as string, {
          format: 'xml',
          timeBudgetMs: 10_000,
        }).result;
        if (!wellFormed(r))
          send({
            type: 'crash',
            index,
            kind: payload.kind,
            where: 'xml-engine',
            error: 'malformed result',
          });
      } catch (err) {
        send({
          type: 'crash',
          index,
          kind: payload.kind,
          where: 'xml-engine',
          error: String((err as Error)?.stack ?? err).slice(0, 800),
        });
      }
      checkPrototype(index, payload.kind);
      continue;
    }
    if (payload.feed) {
      await fuzzFeed(index, payload.feed, app);
      checkPrototype(index, payload.kind);
      continue;
    }
    try {
      const r = validator.validate(payload.input, { timeBudgetMs: 10_000 });
      if (typeof r?.valid !== 'boolean' || !Array.isArray(r.issues))
        send({
          type: 'crash',
          index,
          kind: payload.kind,
          where: 'engine',
          error: 'malformed result',
        });
    } catch (err) {
      send({
        type: 'crash',
        index,
        kind: payload.kind,
        where: 'engine',
        error: String((err as Error)?.stack ?? err).slice(0, 800),
      });
    }
    if (app) {
      const body =
        typeof payload.input === 'string'
          ? payload.input
          : (JSON.stringify(payload.input) ?? 'null');
      try {
        const res = await app.request('/fhir/$validate', {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json' },
          body,
        });
        if (res.status >= 500)
          send({
            type: 'crash',
            index,
            kind: payload.kind,
            where: 'http',
            error: `status ${res.status}: ${(await res.text()).slice(0, 400)}`,
          });
        else await res.arrayBuffer();
      } catch (err) {
        send({
          type: 'crash',
          index,
          kind: payload.kind,
          where: 'http',
          error: String((err as Error)?.stack ?? err).slice(0, 800),
        });
      }
    }
    checkPrototype(index, payload.kind);
  }
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  send({ type: 'done' });
}

function checkPrototype(index: number, kind: string): void {
  if (({} as Record<string, unknown>).polluted !== undefined) {
    send({ type: 'crash', index, kind, where: 'prototype', error: 'Object.prototype polluted' });
    delete (Object.prototype as Record<string, unknown>).polluted;
  }
}

function wellFormed(r: { valid?: unknown; issues?: unknown } | undefined): boolean {
  return typeof r?.valid === 'boolean' && Array.isArray(r.issues);
}

/** A feed payload: whole text, streamed in random chunks, then over HTTP (validate and submit). */
async function fuzzFeed(index: number, p: FeedFuzzPayload, app: App | undefined): Promise<void> {
  const crash = (where: string, error: unknown): void =>
    send({
      type: 'crash',
      index,
      kind: p.kind,
      where,
      error: String((error as Error)?.stack ?? error).slice(0, 800),
    });
  const options = {
    ...(p.feed ? { feed: p.feed } : {}),
    timeBudgetMs: 10_000,
    now: () => new Date('2026-11-23T00:00:00Z'),
  };
  try {
    if (!wellFormed(validateFeed(p.text, options))) crash('feed-engine', 'malformed result');
    const bytes = new TextEncoder().encode(p.text);
    const step = 1 + (index % 977);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += step) yield bytes.subarray(at, at + step);
    }
    if (!wellFormed(await validateFeedStream(chunks(), options)))
      crash('feed-stream', 'malformed result');
  } catch (err) {
    crash('feed-engine', err);
  }
  if (!app) return;
  const query = `?${p.feed ? `feed=${p.feed}&` : ''}allowTestNumbers=true`;
  const path =
    index % 2 === 0
      ? `/v1/validate${query}`
      : `/v1/partners/fuzz-${index % 50}/submissions${query}`;
  try {
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': feedTypes[p.format] },
      body: p.text,
    });
    const text = await res.text();
    if (res.status >= 500) crash('http', `status ${res.status}: ${text.slice(0, 400)}`);
    else if (res.status === 201) {
      const body = JSON.parse(text) as { submission?: unknown };
      if (JSON.stringify(body.submission).includes(plantedKey))
        crash('store', 'a payload key reached the stored summary');
    }
  } catch (err) {
    crash('http', err);
  }
}

main().catch((err: unknown) => {
  send({ type: 'fatal', error: String((err as Error)?.stack ?? err) });
  process.exitCode = 1;
});
