import type { AirtableOptions } from '@runner-up/airtable';
import { airtableSink } from '@runner-up/airtable';
import {
  type AirtableEmulatorOptions,
  airtableRemoteView,
  type SinkHarness,
  startAirtableEmulator,
} from '@runner-up/testkit';

/** Client settings that keep the fault tests fast: short waits, a short timeout. */
export const FAST: Partial<AirtableOptions> = {
  rateLimitWaitMs: 50,
  retryDelayMs: 5,
  timeoutMs: 300,
  maxRetries: 8,
  requestsPerSecond: 500,
};

/** Emulator settings matching {@link FAST}: the penalty and the held timeout scaled down. */
export const FAST_EMULATOR: AirtableEmulatorOptions = {
  penaltySeconds: 0.05,
  timeoutHoldMs: 600,
  rateLimit: false,
};

/** The contract harness: a fresh emulator per test and a sink pointed at it. */
export const airtableHarness: SinkHarness = {
  name: 'airtable (emulator)',
  async setup(options) {
    const emulator = await startAirtableEmulator({
      ...FAST_EMULATOR,
      ...(options?.faults ? { faults: options.faults } : {}),
    });
    const sinkOptions: AirtableOptions = {
      token: emulator.token,
      baseId: emulator.baseId,
      table: 'Reminders',
      endpointUrl: emulator.url,
      ...FAST,
    };
    return {
      sink: airtableSink(sinkOptions),
      remote: airtableRemoteView(emulator),
      teardown: () => emulator.close(),
      crashingSink(afterRequests) {
        let sent = 0;
        // Every request from the n-th on fails, as if the process died there.
        const crashingFetch: typeof fetch = (input, init) => {
          sent += 1;
          if (sent >= afterRequests) return Promise.reject(new Error('process crashed'));
          return fetch(input, init);
        };
        return airtableSink({ ...sinkOptions, fetch: crashingFetch, maxRetries: 0 });
      },
    };
  },
};
