/** Runs src/cli/main.ts as a process entry (used by tests when dist/ is not built). */
import { runAsProcess } from '../../src/cli/main.js';

runAsProcess(process.argv.slice(2));
