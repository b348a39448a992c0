/**
 * Writes docs/issue-codes.md from the issue-code registry (`npm run docs:codes`). A test fails when
 * the committed file differs from what this script writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderIssueCodesDoc } from './issue-codes-doc.js';

const target = join(import.meta.dirname, '..', 'docs', 'issue-codes.md');
writeFileSync(target, renderIssueCodesDoc());
console.log(`wrote ${target}`);
