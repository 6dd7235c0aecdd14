import { runSinkContract } from '@runner-up/testkit';
import { notionHarness } from './harness';

runSinkContract(notionHarness);
