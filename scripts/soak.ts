/**
 * `npm run soak`: sustained load on the Node server (in a child process on 127.0.0.1) for
 * `--seconds N`, with the server's RSS sampled every second. Prints the samples and the
 * least-squares slope over the steady part (after the first 20 % of samples) and flags an upward
 * trend (exit code 1) when the fitted growth over that part exceeds max(16 MB, 10 % of the mean).
 * Also prints the live heap after a forced full GC every 10 s: growth there means retained objects
 * (a leak); RSS growth with a flat live heap means the heap is grown lazily, not leaked.
 *
 * Usage: npm run soak -- [--seconds 120] [--connections 8]
 * @module
 */
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { httpPayloads } from '../bench/http.js';
import { readRssMb, startServerProcess } from '../bench/server-process.js';
import { median, slope } from '../bench/stats.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, connections: { type: 'string', default: '8' }, seed: { type: 'string', default: '3' } } });
const seconds = Math.max(5, Number(values.seconds));
const connections = Math.max(1, Number(values.connections));

async function main(): Promise<void> {
  const server = await startServerProcess(1000);
  const headers = { 'content-type': 'application/fhir+json' };
  const [single, bundle] = httpPayloads(Number(values.seed));
  const invalid = JSON.stringify({ resourceType: 'Patient', birthDate: '1980-13-01', gender: 'M', foo: 1, name: [{}] });
  const requests = [
    { method: 'POST', path: '/fhir/$validate', headers, body: single?.body ?? '{}' },
    { method: 'POST', path: '/fhir/$validate', headers, body: invalid },
    { method: 'POST', path: '/fhir/$validate', headers, body: '{"resourceType":"Patient",' },
    { method: 'POST', path: '/fhir/$validate', headers, body: bundle?.body ?? '{}' },
  ];
  const procSamples: number[] = [];
  const sampler = setInterval(() => {
    const rss = readRssMb(server.pid);
    if (rss !== undefined) procSamples.push(rss);
  }, 1000);
  let result: Awaited<ReturnType<typeof autocannon>>;
  try {
    result = await autocannon({ url: server.url, connections, duration: seconds, timeout: 60, requests });
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
  // /proc samples are on time even when the server's event loop is busy; the child's own samples are the fallback.
  const samples = procSamples.length > 0 ? procSamples : server.rssSamples;
  const steadyFrom = Math.floor(samples.length * 0.2);
  const steady = samples.slice(steadyFrom);
  const xs = steady.map((_, i) => i + steadyFrom);
  const perSecond = slope(xs, steady);
  const growth = perSecond * Math.max(0, steady.length - 1);
  const mean = steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length);
  const limit = Math.max(16, mean * 0.1);
  const flagged = growth > limit;
  const lines = [
    `soak: ${seconds} s, ${connections} connections, ${result.requests.total} requests (${result.requests.average.toFixed(0)}/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
    `RSS samples (MB, one per second): ${samples.map((s) => s.toFixed(0)).join(' ')}`,
    `RSS min ${Math.min(...samples).toFixed(0)} MB, median ${median(samples).toFixed(0)} MB, max ${Math.max(...samples).toFixed(0)} MB`,
    `slope over samples ${steadyFrom}..${samples.length - 1}: ${(perSecond * 60).toFixed(2)} MB/min, fitted growth ${growth.toFixed(1)} MB (limit ${limit.toFixed(1)} MB)`,
    `live heap after full GC, every 10 s (MB): ${server.heapAfterGcSamples.map((h) => h.toFixed(0)).join(' ') || 'n/a'}; slope ${(slope(server.heapAfterGcSamples.map((_, i) => i * 10), server.heapAfterGcSamples) * 60).toFixed(2)} MB/min`,
    flagged ? 'UPWARD TREND: RSS keeps growing under sustained load' : 'no upward trend',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (flagged || result.errors > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exitCode = 1;
});
