import { syncNotion } from '@runner-up/notion';
import {
  notionRemoteView,
  runReplanTests,
  runSinkContract,
  startNotionEmulator,
} from '@runner-up/testkit';
import { FAST, FAST_EMULATOR, notionHarness } from './harness';

runSinkContract(notionHarness);

runReplanTests('notion', async () => {
  const emulator = await startNotionEmulator(FAST_EMULATOR);
  return {
    sync: (reminders, options) =>
      syncNotion(reminders, {
        auth: emulator.token,
        baseUrl: emulator.url,
        databaseId: emulator.databaseId,
        ...FAST,
        ...options,
      }),
    remote: notionRemoteView(emulator),
    teardown: () => emulator.close(),
  };
});
