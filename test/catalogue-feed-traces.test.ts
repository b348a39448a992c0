/**
 * Contract between the feed checks and the requirement catalogue: for the example feeds, every
 * requirement id a feed check attaches to an issue is also what the catalogue's `traces` give for
 * that issue, so the catalogue alone explains every requirement id in a report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFeed } from '../src/feeds/index.js';
import { builtinCatalogue } from '../src/framework/builtin-catalogue.js';
import { elementPath } from '../src/framework/element-path.js';
import { createRecordIndex } from '../src/framework/record-index.js';
import { createRequirementTracer } from '../src/framework/requirement-tracer.js';
import { summarizeSubmission } from '../src/framework/submission-summary.js';

const root = resolve(import.meta.dirname, '..');
const cases = [
  { file: 'examples/northvale-council-asc/cld-2026-q2.csv', feed: 'cld' },
  { file: 'examples/northvale-council-csc/cin-2026.json', feed: 'cin' },
] as const;

const tracer = createRequirementTracer(builtinCatalogue);

describe.each(cases)('catalogue traces agree with feed checks: $file', ({ file, feed }) => {
  const path = join(root, file);
  it.skipIf(!existsSync(path))('gives every issue the requirement ids its check attached', () => {
    const result = validateFeed(readFileSync(path, 'utf8'), { allowTestNumbers: true });
    const owner = createRecordIndex(result.records ?? []);
    const withIds = result.issues.filter((i) => i.requirements?.length);
    expect(withIds.length).toBeGreaterThan(0);
    const mismatches = withIds
      .map((i) => {
        const record = owner(i.pointer);
        const traced = tracer(
          i,
          feed,
          record ? { recordType: record.type, path: elementPath(i.expression, record) } : {},
        );
        return { code: i.code, pointer: i.pointer, attached: i.requirements, traced };
      })
      .filter((m) => JSON.stringify(m.attached) !== JSON.stringify(m.traced));
    expect(mismatches).toEqual([]);
  });

  it.skipIf(!existsSync(path))(
    'summarises into requirement outcomes that all exist in the catalogue',
    () => {
      const result = validateFeed(readFileSync(path, 'utf8'), { allowTestNumbers: true });
      const summary = summarizeSubmission(result, {
        partnerId: 'northvale-council',
        feed,
        kind: 'upload',
        catalogue: builtinCatalogue,
        validatorVersion: '0.1.0',
        packages: [],
        payloadHash: '0'.repeat(64),
        payloadSize: 1,
        receivedAt: '2026-11-23T00:00:00.000Z',
        durationMs: 1,
      });
      const ids = new Set(builtinCatalogue.requirements.map((r) => r.id));
      expect(summary.requirements.length).toBeGreaterThan(0);
      for (const r of summary.requirements) {
        expect(ids.has(r.requirementId)).toBe(true);
        expect(r.passed + r.failed + r.waived).toBe(r.checked);
      }
      for (const a of summary.issues)
        for (const id of a.requirements) expect(ids.has(id), `${a.code} ${id}`).toBe(true);
    },
  );
});
