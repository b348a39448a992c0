/**
 * Child process of scripts/fuzz.ts: validates payloads `from .. to` (engine, and the HTTP app via
 * `app.request()` when it exists) and reports progress, crashes (a throw from `validate`, which
 * never throws by contract, a malformed result, a 5xx answer, prototype pollution) over IPC.
 * @module
 */
import { parseArgs } from 'node:util';
import { createNodeValidator } from '../src/node/create-node-validator.js';
import { createPayloadFactory } from './fuzz-payloads.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, http: { type: 'boolean' } } });
const seed = Number(values.seed);
const send = (msg: unknown): void => {
  process.send?.(msg);
};

type App = { request: (path: string, init: RequestInit) => Response | Promise<Response> };

async function main(): Promise<void> {
  const validator = createNodeValidator();
  let app: App | undefined;
  if (values.http) {
    const { createApp } = await import('../src/server/app.js');
    app = createApp({ validator }) as unknown as App;
  }
  const make = createPayloadFactory(seed);
  const to = Number(values.to);
  for (let index = Number(values.from); index < to; index++) {
    const payload = make(index);
    send({ type: 'start', index, kind: payload.kind });
    try {
      const r = validator.validate(payload.input, { timeBudgetMs: 10_000 });
      if (typeof r?.valid !== 'boolean' || !Array.isArray(r.issues)) send({ type: 'crash', index, kind: payload.kind, where: 'engine', error: 'malformed result' });
    } catch (err) {
      send({ type: 'crash', index, kind: payload.kind, where: 'engine', error: String((err as Error)?.stack ?? err).slice(0, 800) });
    }
    if (app) {
      const body = typeof payload.input === 'string' ? payload.input : JSON.stringify(payload.input) ?? 'null';
      try {
        const res = await app.request('/fhir/$validate', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
        if (res.status >= 500) send({ type: 'crash', index, kind: payload.kind, where: 'http', error: `status ${res.status}: ${(await res.text()).slice(0, 400)}` });
        else await res.arrayBuffer();
      } catch (err) {
        send({ type: 'crash', index, kind: payload.kind, where: 'http', error: String((err as Error)?.stack ?? err).slice(0, 800) });
      }
    }
    if (({} as Record<string, unknown>).polluted !== undefined) {
      send({ type: 'crash', index, kind: payload.kind, where: 'prototype', error: 'Object.prototype polluted' });
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  }
  send({ type: 'done' });
}

main().catch((err: unknown) => {
  send({ type: 'fatal', error: String((err as Error)?.stack ?? err) });
  process.exitCode = 1;
});
