import type { RemoteField, RemoteRow, RemoteView } from '../contract/sink-contract.js';
import type { NotionEmulator } from './emulator.js';

const text = (value: unknown, type: 'title' | 'rich_text') =>
  (((value as Record<string, unknown> | undefined)?.[type] as Array<{ plain_text: string }>) ?? [])
    .map((i) => i.plain_text)
    .join('');

/**
 * The contract suite's view of a Notion emulator: reads its state directly (no requests counted)
 * and edits it the way a person in the Notion UI would.
 */
export function notionRemoteView(
  emulator: NotionEmulator,
  fieldMap: Partial<Record<RemoteField, string>> = {},
): RemoteView {
  const name = (field: RemoteField) => fieldMap[field] ?? field;
  const findPage = (key: string) => {
    const page = emulator
      .pages()
      .find(
        (p) => text((p.properties as Record<string, unknown>)[name('Key')], 'rich_text') === key,
      );
    if (!page) throw new Error(`no row with key ${key}`);
    return page;
  };
  return {
    async rows(): Promise<RemoteRow[]> {
      return emulator.pages().flatMap((page) => {
        const props = page.properties as Record<string, Record<string, unknown>>;
        const key = text(props[name('Key')], 'rich_text');
        if (key === '') return [];
        const select = (field: RemoteField) =>
          ((props[name(field)]?.select as { name?: string } | null) ?? null)?.name ?? '';
        const due = (props[name('Due')]?.date as { start?: string } | null)?.start;
        return [
          {
            id: page.id as string,
            key,
            name: text(props[name('Name')], 'title'),
            due: due ? new Date(Date.parse(due)).toISOString() : '',
            status: select('Status'),
            done: props[name('Done')]?.checkbox === true,
            notes: text(props[name('Notes')], 'rich_text'),
            opportunity: text(props[name('Opportunity')], 'rich_text'),
            organization: text(props[name('Organization')], 'rich_text'),
            contact: text(props[name('Contact')], 'rich_text'),
            action: select('Action'),
            why: text(props[name('Why')], 'rich_text'),
          },
        ];
      });
    },
    async setUserFields(key, fields) {
      const page = findPage(key);
      const properties: Record<string, unknown> = {};
      if (fields.done !== undefined) properties[name('Done')] = { checkbox: fields.done };
      if (fields.notes !== undefined) {
        const chunks = fields.notes.match(/[\s\S]{1,2000}/g) ?? [];
        properties[name('Notes')] = { rich_text: chunks.map((content) => ({ text: { content } })) };
      }
      emulator.editPage(page.id as string, properties);
    },
    async editOwnedField(key, field, value) {
      emulator.editPage(findPage(key).id as string, {
        [name(field)]: { title: [{ text: { content: value } }] },
      });
    },
    async duplicateRow(key, userFields = {}) {
      const copy = emulator.duplicatePage(findPage(key).id as string);
      if (userFields.done !== undefined) {
        emulator.editPage(copy, { [name('Done')]: { checkbox: userFields.done } });
      }
    },
    requests: () => ({ reads: emulator.requests.reads, writes: emulator.requests.writes }),
    faultsInjected: () => emulator.faults.injectedTotal,
  };
}
