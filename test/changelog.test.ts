/**
 * CHANGELOG.md merges with a union driver (the repository's git attributes), which keeps both
 * sides of a conflicting hunk: an entry two branches both carry comes back twice, and conflict
 * markers could slip in.
 * The "Unreleased" section must list each entry once and hold no merge leftovers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const changelog = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8');
const start = changelog.indexOf('## [Unreleased]');
const end = changelog.indexOf('\n## [', start + 1);
const unreleased = changelog.slice(start, end < 0 ? undefined : end);

describe('CHANGELOG.md', () => {
  it('has an Unreleased section', () => {
    expect(start).toBeGreaterThanOrEqual(0);
  });

  it('lists each Unreleased entry once (union merges duplicate them)', () => {
    const entries = unreleased.split('\n').filter((line) => line.startsWith('- '));
    const repeated = entries.filter((e, i) => entries.indexOf(e) !== i);
    expect(repeated.map((e) => e.slice(0, 100))).toEqual([]);
  });

  it('holds no merge conflict markers', () => {
    expect(changelog).not.toMatch(/^(<{7}|={7}|>{7})( |$)/m);
  });
});
