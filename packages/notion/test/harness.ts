import { Client } from '@notionhq/client';
import type { Sink } from '@runner-up/core';
import { notionSink } from '@runner-up/notion';
import {
  type FaultPlan,
  type NotionEmulator,
  type NotionEmulatorOptions,
  notionRemoteView,
  type SinkFixture,
  type SinkHarness,
  startNotionEmulator,
} from '@runner-up/testkit';

/** Sink options that keep tests fast: no pacing, short back-off and timeouts. */
export const FAST = {
  requestsPerSecond: 1000,
  retryDelayMs: 5,
  timeoutMs: 300,
  maxRetries: 10,
} as const;

/** Emulator options matching {@link FAST}: a `timeout` fault holds past the sink's timeout. */
export const FAST_EMULATOR: NotionEmulatorOptions = {
  timeoutHoldMs: 500,
  faultRetryAfterSeconds: 0,
};

/** A client whose requests fail from the n-th on (1-based), as if the process died there. */
export function crashingClient(emulator: NotionEmulator, afterRequests: number): Client {
  let sent = 0;
  return new Client({
    auth: emulator.token,
    baseUrl: emulator.url,
    retry: false,
    logger: () => {},
    fetch: (url, init) => {
      sent += 1;
      if (sent >= afterRequests) return Promise.reject(new Error('simulated crash'));
      return fetch(url, init as RequestInit);
    },
  });
}

/** Starts an emulator and a sink pointed at it through `baseUrl`. */
export async function notionFixture(
  options: { faults?: FaultPlan; emulator?: NotionEmulatorOptions } = {},
): Promise<SinkFixture & { emulator: NotionEmulator }> {
  const emulator = await startNotionEmulator({
    ...FAST_EMULATOR,
    ...options.emulator,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const sink = notionSink({
    auth: emulator.token,
    baseUrl: emulator.url,
    databaseId: emulator.databaseId,
    ...FAST,
  });
  return {
    emulator,
    sink,
    remote: notionRemoteView(emulator),
    teardown: () => emulator.close(),
    crashingSink(afterRequests: number): Sink {
      return notionSink({
        client: crashingClient(emulator, afterRequests),
        databaseId: emulator.databaseId,
        ...FAST,
      });
    },
  };
}

/** The Notion harness for the shared sink contract. */
export const notionHarness: SinkHarness = {
  name: 'notion (official client against the emulator)',
  setup: (options) => notionFixture(options),
};
