// Loaded with `node --import` by test/cli/module-count.test.ts: registers a module hook that counts
// the ES modules and CommonJS files a process loads, and prints the count as JSON on stderr at exit.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
port1.unref();
register(
  `data:text/javascript,${encodeURIComponent(
    'let port; const seen = []; export function initialize(p) { port = p; port.on("message", () => port.postMessage(seen)); } export async function load(url, context, next) { seen.push(url); return next(url, context); }',
  )}`,
  { data: port2, transferList: [port2] },
);
let asked = false;
process.on('beforeExit', () => {
  if (asked) return;
  asked = true;
  port1.ref();
  port1.once('message', (seen) => {
    port1.close();
    process.stderr.write(
      `\nMODULES ${JSON.stringify(seen.filter((u) => !u.startsWith('node:')))}\n`,
    );
  });
  port1.postMessage('count');
});
