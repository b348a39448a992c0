/**
 * `mdss validate`'s default number of threads (src/cli/worker-pool.ts): one thread below 32 MB or for
 * one file, else this thread plus one per idle core, capped by the number of files and a maximum.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultThreads,
  maxDefaultThreads,
  workerThresholdBytes,
} from '../../src/cli/worker-pool.js';

const big = workerThresholdBytes;

describe('defaultThreads', () => {
  it('keeps small inputs and single files on one thread', () => {
    expect(defaultThreads(100, big - 1, 8, 0)).toBe(1);
    expect(defaultThreads(100, 13 * 1024 * 1024, 2, 0)).toBe(1);
    expect(defaultThreads(1, big * 10, 8, 0)).toBe(1);
  });

  it('uses the idle cores for several files of the threshold size or more', () => {
    expect(defaultThreads(100, big, 2, 0)).toBe(2);
    expect(defaultThreads(100, big, 4, 1)).toBe(4);
    expect(defaultThreads(100, big, 4, 2.2)).toBe(3);
  });

  it('adds no worker on a machine whose cores are all busy', () => {
    expect(defaultThreads(100, big, 2, 2)).toBe(1);
    expect(defaultThreads(100, big, 2, 7.5)).toBe(1);
  });

  it('is capped by the number of files and by the default maximum', () => {
    expect(defaultThreads(3, big, 16, 0)).toBe(3);
    expect(defaultThreads(100, big, 64, 0)).toBe(maxDefaultThreads);
  });
});
