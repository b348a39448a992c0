/**
 * Time as the federation code sees it: injected so that tests can replace waiting without timed
 * assertions.
 * @module
 */

/** Milliseconds now and a way to wait. */
export interface PullClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: PullClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
