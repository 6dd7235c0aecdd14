import { runSinkContract } from '@runner-up/testkit';
import { airtableHarness } from './harness';

runSinkContract(airtableHarness);
