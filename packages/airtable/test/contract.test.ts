import { syncAirtable } from '@runner-up/airtable';
import {
  airtableRemoteView,
  runReplanTests,
  runSinkContract,
  startAirtableEmulator,
} from '@runner-up/testkit';
import { airtableHarness, FAST, FAST_EMULATOR } from './harness';

runSinkContract(airtableHarness);

runReplanTests('airtable', async () => {
  const emulator = await startAirtableEmulator(FAST_EMULATOR);
  return {
    sync: (reminders, options) =>
      syncAirtable(reminders, {
        token: emulator.token,
        baseId: emulator.baseId,
        table: 'Reminders',
        endpointUrl: emulator.url,
        ...FAST,
        ...options,
      }),
    remote: airtableRemoteView(emulator),
    teardown: () => emulator.close(),
  };
});
