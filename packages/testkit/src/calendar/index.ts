export * from './khal.js';
export * from './python-icalendar.js';
export * from './todoman.js';

/**
 * True when real-client tests must run: CI sets `RUNNER_UP_REQUIRE_CLIENTS=1`, and then a missing
 * client is a failure instead of a skip.
 */
export function clientsRequired(): boolean {
  return process.env.RUNNER_UP_REQUIRE_CLIENTS === '1';
}
