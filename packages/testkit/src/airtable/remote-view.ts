import type { RemoteField, RemoteRow, RemoteView } from '../contract/sink-contract.js';
import { type AirtableEmulator, DEFAULT_AIRTABLE_TABLE } from './emulator.js';

/**
 * The contract suite's view of an Airtable emulator's table: reads its state directly (no requests
 * counted) and edits it the way a person in the Airtable UI would.
 */
export function airtableRemoteView(
  emulator: AirtableEmulator,
  options: {
    table?: string;
    baseId?: string;
    fieldMap?: Partial<Record<RemoteField, string>>;
  } = {},
): RemoteView {
  const table = options.table ?? DEFAULT_AIRTABLE_TABLE;
  const name = (field: RemoteField) => options.fieldMap?.[field] ?? field;
  const records = () => emulator.state.records(table, options.baseId);
  const findRecord = (key: string) => {
    const record = records().find((r) => r.fields[name('Key')] === key);
    if (!record) throw new Error(`no record with key ${key}`);
    return record;
  };
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    async rows(): Promise<RemoteRow[]> {
      return records().flatMap((record) => {
        const fields = record.fields;
        const key = text(fields[name('Key')]);
        if (key === '') return [];
        return [
          {
            id: record.id,
            key,
            name: text(fields[name('Name')]),
            due: text(fields[name('Due')]),
            status: text(fields[name('Status')]),
            done: fields[name('Done')] === true,
            notes: text(fields[name('Notes')]),
            opportunity: text(fields[name('Opportunity')]),
            organization: text(fields[name('Organization')]),
            contact: text(fields[name('Contact')]),
            action: text(fields[name('Action')]),
            why: text(fields[name('Why')]),
          },
        ];
      });
    },
    async setUserFields(key, fields) {
      const changes: Record<string, unknown> = {};
      if (fields.done !== undefined) changes[name('Done')] = fields.done;
      if (fields.notes !== undefined) changes[name('Notes')] = fields.notes;
      emulator.state.update(table, findRecord(key).id, changes, options.baseId);
    },
    async editOwnedField(key, field, value) {
      emulator.state.update(table, findRecord(key).id, { [name(field)]: value }, options.baseId);
    },
    async duplicateRow(key, userFields = {}) {
      const fields: Record<string, unknown> = { ...findRecord(key).fields };
      if (userFields.done !== undefined) fields[name('Done')] = userFields.done;
      emulator.state.insert(table, fields, options.baseId);
    },
    requests() {
      return { reads: emulator.requests.reads, writes: emulator.requests.writes };
    },
    faultsInjected: () => emulator.faults.injectedTotal,
    largestWrite() {
      return Math.max(0, ...emulator.log.map((entry) => entry.records ?? 0));
    },
  };
}
