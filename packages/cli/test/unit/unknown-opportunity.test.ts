import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../setup/in-process';
import { commentedFile } from '../setup/project';
import { scratchDir } from '../setup/run-cli';

/** A file with `count` opportunities, `org-1` ... at `Org 1` ... */
function many(count: number): string {
  const lines = ['version: 1', 'owner: {name: L, timezone: UTC}', 'opportunities:'];
  for (let i = 1; i <= count; i += 1) {
    lines.push(
      `  - {id: org-${i}-role, organization: Organization ${i}, title: Role ${i}, dates: {decided: 2026-11-20}}`,
    );
  }
  const file = join(scratchDir(), 'runner-up.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('an unknown opportunity id (regression: 300 ids printed, no hint for an organization name)', () => {
  it('lists no ids when there are many, and says where to find them', async () => {
    const file = many(300);
    const result = await runInProcess(['-f', file, 'snooze', 'nosuch', '--until', '2027-01-01']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `[runner-up] No opportunity with id \`nosuch\` in ${file}. The file has 300 opportunities: each one's id is its \`id:\` in ${file}, and \`runner-up agenda\` shows it beside each reminder.\n`,
    );
  });

  it('suggests the id of the opportunity whose organization was typed instead', async () => {
    const file = commentedFile();
    const result = await runInProcess(['-f', file, 'log', 'Acme Telecom', '--channel', 'call']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "The id is not the organization's name, the title or a contact's name: did you mean `acme-telecom-pm` (Acme Telecom, Program Manager)?",
    );
    // A few ids are still listed.
    expect(result.stderr).toContain('Known ids: acme-telecom-pm, northwind-ops.');
    const inMany = await runInProcess([
      '-f',
      many(300),
      'log',
      'Organization 42',
      '--channel',
      'call',
    ]);
    expect(inMany.stderr).toContain('did you mean `org-42-role` (Organization 42, Role 42)?');
  });

  it('suggests the one whose name was typed in full, over the many it is part of', async () => {
    // `Organization 3` is part of `Organization 30` to `Organization 39`: eleven matches.
    const result = await runInProcess([
      '-f',
      many(40),
      'log',
      'Organization 3',
      '--channel',
      'call',
    ]);
    expect(result.stderr).toContain(
      "The id is not the organization's name, the title or a contact's name: did you mean `org-3-role` (Organization 3, Role 3)?",
    );
    // Part of a name still finds the few it is part of.
    const part = await runInProcess(['-f', many(40), 'log', 'Role 1', '--channel', 'call']);
    expect(part.stderr).toContain('did you mean `org-1-role` (Organization 1, Role 1)?');
    const few = await runInProcess(['-f', many(40), 'log', 'Organization 4', '--channel', 'call']);
    expect(few.stderr).toContain('did you mean `org-4-role`');
    expect(few.stderr).not.toContain('org-40-role');
  });

  it("suggests a candidate's entries when their name is typed instead of an id", async () => {
    const lines = ['version: 1', 'owner: {name: L, timezone: UTC}', 'opportunities:'];
    for (let i = 1; i <= 11; i += 1) {
      lines.push(
        `  - {id: c${i}, kind: candidate, organization: Client ${i % 3}, title: SRE, dates: {decided: 2026-11-20}, contacts: [{name: Person ${i}, role: candidate}]}`,
      );
    }
    lines.push(
      '  - {id: c0-maria, kind: candidate, organization: Acme, title: SRE, dates: {decided: 2026-11-20}, contacts: [{name: Maria Chen, role: candidate}]}',
      '  - {id: c12-maria, kind: candidate, organization: Globex, title: QA, dates: {decided: 2026-11-20}, contacts: [{name: Maria Chen, role: candidate}]}',
    );
    const file = join(scratchDir(), 'runner-up.yaml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    for (const typed of ['Maria Chen', 'maria']) {
      const result = await runInProcess(['-f', file, 'log', typed, '--channel', 'call']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'did you mean one of `c0-maria` (Acme, SRE), `c12-maria` (Globex, QA)?',
      );
    }
  });

  it('still suggests an id a typo away', async () => {
    const result = await runInProcess(['-f', many(300), 'log', 'org-42-rloe', '--channel', 'call']);
    expect(result.stderr).toContain('Did you mean `org-42-role`?');
  });
});
