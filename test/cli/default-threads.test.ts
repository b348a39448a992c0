/**
 * `mdss validate`'s default number of threads (src/cli/worker-pool.ts): one thread per 8 MB of input,
 * at most one more than the idle cores, capped by the number of files and a maximum.
 */
import { describe, expect, it } from 'vitest';
import { bytesPerThread, defaultThreads, maxDefaultThreads } from '../../src/cli/worker-pool.js';

const mb = 1024 * 1024;

describe('defaultThreads', () => {
  it('keeps small inputs and single files on one thread', () => {
    expect(defaultThreads(100, 2 * bytesPerThread - 1, 8, 0)).toBe(1);
    expect(defaultThreads(100, 13 * mb, 2, 0)).toBe(1);
    expect(defaultThreads(1, bytesPerThread * 10, 8, 0)).toBe(1);
  });

  it('adds a thread per 8 MB of input on idle cores', () => {
    expect(defaultThreads(100, 2 * bytesPerThread, 2, 0)).toBe(2);
    expect(defaultThreads(100, 4 * bytesPerThread, 4, 1)).toBe(4);
    expect(defaultThreads(100, 3 * bytesPerThread + 1, 8, 0)).toBe(3);
    expect(defaultThreads(100, 100 * bytesPerThread, 4, 2.2)).toBe(3);
  });

  it('adds no worker on a machine whose cores are all busy', () => {
    expect(defaultThreads(100, 100 * bytesPerThread, 2, 2)).toBe(1);
    expect(defaultThreads(100, 100 * bytesPerThread, 2, 7.5)).toBe(1);
  });

  it('is capped by the number of files and by the default maximum', () => {
    expect(defaultThreads(3, 100 * bytesPerThread, 16, 0)).toBe(3);
    expect(defaultThreads(100, 100 * bytesPerThread, 64, 0)).toBe(maxDefaultThreads);
  });
});
