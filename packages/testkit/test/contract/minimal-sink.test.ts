/**
 * The contract suite must pass a correct sink that does the least a sink may do: one read and one
 * write a run, over a service that keeps one record per key with only a title, a due time, a
 * status and a Done tick (no Notes, no opportunity or contact columns). Regression test for the
 * suite demanding three retries from a sink that met one fault, and every column of the Notion and
 * Airtable schemas from every service.
 *
 * The same sink writing in batches of 10 makes three requests for the suite's 12 reminders (one
 * read, two writes), and can be made to crash: regression test for the crash check, which
 * crashed a sink from its 4th request on and so failed every sink that needs only three.
 */
import {
  type Completion,
  checkOptionNames,
  emptySyncReport,
  type Reminder,
  RunnerUpError,
  remindersByKey,
  type Sink,
  SYNC_OPTION_NAMES,
  type SyncOptions,
} from '@runner-up/core';
import {
  createFaultInjector,
  type FaultInjector,
  type RemoteRow,
  runSinkContract,
  type SinkHarness,
} from '@runner-up/testkit';

const NAME = 'key-value';

/** What the service keeps for a key: runner-up's fields and the user's tick. */
interface KeyValueRecord {
  title: string;
  due: string;
  status: string;
  done: boolean;
}
type OwnedRecord = Omit<KeyValueRecord, 'done'>;

/** A key-value service: lists every record, and upserts a batch of them in one request. */
function keyValueService(faults: FaultInjector) {
  const records = new Map<string, KeyValueRecord>();
  const counted = { reads: 0, writes: 0, largestWrite: 0 };
  const answer = () => {
    const fault = faults.next();
    if (fault !== undefined) throw new Error(`the service answered ${fault}`);
  };
  return {
    records,
    counted,
    async list(): Promise<Map<string, KeyValueRecord>> {
      counted.reads += 1;
      answer();
      return structuredClone(records);
    },
    async upsert(changes: ReadonlyMap<string, OwnedRecord>): Promise<void> {
      counted.writes += 1;
      counted.largestWrite = Math.max(counted.largestWrite, changes.size);
      answer();
      for (const [key, owned] of changes)
        records.set(key, { done: records.get(key)?.done ?? false, ...owned });
    },
  };
}
type KeyValueService = ReturnType<typeof keyValueService>;

const aborted = () => new RunnerUpError('aborted', `[runner-up] [${NAME}] The sync was aborted.`);

/** What a sink calls on its service: {@link keyValueService}, or one that fails from a request on. */
type KeyValueCalls = Pick<KeyValueService, 'list' | 'upsert'>;

/**
 * The least a correct sink does: read all, diff, write the changes in one request, or in requests
 * of at most `batchSize` changes.
 */
function keyValueSink(service: KeyValueCalls, batchSize?: number): Sink {
  return {
    name: NAME,
    capabilities: {
      dryRun: true,
      completions: true,
      cancel: true,
      ...(batchSize === undefined ? {} : { batchSize }),
    },
    async sync(reminders: readonly Reminder[], options: SyncOptions = {}) {
      checkOptionNames(options, SYNC_OPTION_NAMES, NAME);
      const { dryRun = false, signal, onProgress } = options;
      const started = Date.now();
      const report = emptySyncReport(NAME, dryRun);
      const request = async <T>(run: () => Promise<T>): Promise<T> => {
        for (let tries = 0; ; tries++) {
          if (signal?.aborted) throw aborted();
          report.requests += 1;
          try {
            return await run();
          } catch (cause) {
            if (tries >= 3)
              throw new RunnerUpError(
                'remote_request_failed',
                `[runner-up] [${NAME}] The service kept failing.`,
                { cause },
              );
            report.retries += 1;
          }
        }
      };
      const wanted = remindersByKey(reminders, NAME);
      const remote = await request(() => service.list());
      const changes = new Map<string, OwnedRecord>();
      const completed: Completion[] = [];
      for (const reminder of wanted.values()) {
        const owned = { title: reminder.title, due: reminder.due, status: reminder.status };
        const found = remote.get(reminder.key);
        const same =
          found?.title === owned.title && found.due === owned.due && found.status === owned.status;
        if (!found) report.created += 1;
        else if (same) report.unchanged += 1;
        else report.updated += 1;
        if (!same) changes.set(reminder.key, owned);
        if (found?.done) {
          const { key, opportunityId, stepId, occurrence } = reminder;
          completed.push({ key, opportunityId, stepId, occurrence, on: reminder.local.date });
        }
      }
      for (const [key, found] of remote) {
        if (wanted.has(key) || found.done || found.status === 'cancelled') continue;
        report.cancelled += 1;
        changes.set(key, { title: found.title, due: found.due, status: 'cancelled' });
      }
      report.completed = completed;
      if (!dryRun && changes.size > 0) {
        const entries = [...changes];
        const size = batchSize ?? entries.length;
        for (let done = 0; done < entries.length; ) {
          const batch = new Map(entries.slice(done, done + size));
          await request(() => service.upsert(batch));
          done += batch.size;
          onProgress?.({ phase: 'write', done, total: entries.length });
        }
      }
      report.durationMs = Date.now() - started;
      return report;
    },
  };
}

/** Over `service`, from request `n` on (counting from 1), every request fails. */
function crashingFrom(service: KeyValueService, n: number): KeyValueCalls {
  let requests = 0;
  const crash = () => {
    requests += 1;
    if (requests >= n) throw new Error('the process died');
  };
  return {
    async list() {
      crash();
      return service.list();
    },
    async upsert(changes) {
      crash();
      return service.upsert(changes);
    },
  };
}

const harness = (batchSize?: number): SinkHarness => ({
  name:
    batchSize === undefined
      ? 'a minimal sink over a key-value service'
      : `a sink writing in batches of ${batchSize} over a key-value service`,
  async setup({ faults } = {}) {
    const injector = createFaultInjector(faults);
    const service = keyValueService(injector);
    return {
      sink: keyValueSink(service, batchSize),
      ...(batchSize === undefined
        ? {}
        : { crashingSink: (n: number) => keyValueSink(crashingFrom(service, n), batchSize) }),
      remote: {
        // No notes, opportunity, organization, contact, action or why: the service has none.
        async rows(): Promise<RemoteRow[]> {
          return [...service.records].map(([key, record]) => ({
            id: key,
            key,
            name: record.title,
            due: record.due,
            status: record.status,
            done: record.done,
          }));
        },
        async setUserFields(key, { done }) {
          const record = service.records.get(key);
          if (!record) throw new Error(`no record for ${key}`);
          if (done !== undefined) record.done = done;
        },
        // No duplicateRow: the service holds one record per key.
        requests: () => ({ reads: service.counted.reads, writes: service.counted.writes }),
        faultsInjected: () => injector.injectedTotal,
        largestWrite: () => service.counted.largestWrite,
      },
      async teardown() {},
    };
  },
});

runSinkContract(harness());
runSinkContract(harness(10));
