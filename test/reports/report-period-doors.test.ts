/**
 * One default report period: `mdss report` and `GET /v1/report` (and a partner's report) read
 * `from`/`to` through the same rule, so the same values give the same period, and the same values
 * are refused (CLI: ConfigError `cli.bad-period`; HTTP: 400 `http.invalid-parameter`).
 */
import { describe, expect, it } from 'vitest';
import { readPeriod as cliPeriod } from '../../src/cli/report-command.js';
import { ConfigError } from '../../src/errors.js';
import { calendarMonth } from '../../src/reports/conformance/report-period.js';
import { readPeriod as httpPeriod } from '../../src/server/report-request.js';

const now = new Date('2030-02-14T08:00:00Z');
const cases: [string | undefined, string | undefined][] = [
  [undefined, undefined],
  ['2030-01-01', undefined],
  [undefined, '2030-01-01'],
  ['2029-12-01', '2030-01-01'],
  ['2030-01-01T00:00:00Z', '2030-01-08T00:00:00+02:00'],
];
const bad: [string | undefined, string | undefined][] = [
  ['yesterday', undefined],
  [undefined, '2030-02-30'],
  ['2030-03-01', '2030-02-01'],
];

function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    const status = (e as { status?: number }).status;
    return e instanceof ConfigError ? `config:${e.code}` : `http:${status ?? 'none'}`;
  }
}

describe('report period: one rule for the CLI and the service', () => {
  it('defaults to the current calendar month on both doors', () => {
    expect(cliPeriod(undefined, undefined, now)).toEqual(calendarMonth(now));
    expect(httpPeriod(undefined, undefined, now)).toEqual(calendarMonth(now));
  });

  it.each(cases)('gives the same period for from=%s to=%s', (from, to) => {
    expect(httpPeriod(from, to, now)).toEqual(cliPeriod(from, to, now));
  });

  it.each(bad)('refuses from=%s to=%s on both doors', (from, to) => {
    expect(outcome(() => cliPeriod(from, to, now))).toBe('config:cli.bad-period');
    expect(outcome(() => httpPeriod(from, to, now))).toBe('http:400');
  });
});
