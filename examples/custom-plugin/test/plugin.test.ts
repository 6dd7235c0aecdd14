import { isRunnerUpError, parsePipelineYaml, plan } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { markdownAgendaPlugin, memoryStore } from '../src/index';

const text = `version: 1
owner:
  name: Sam Ortiz
  timezone: Europe/London
  at: "10:00"
opportunities:
  - id: harbor-bank-qa-lead
    kind: contract
    organization: Harbor Bank
    title: QA lead
    dates:
      decided: 2027-01-08
    contacts:
      - { name: Nina Shah, role: client-manager, email: nina@harborbank.example }
      - { name: Leo Brandt, role: recruiter, email: leo@bluepeak-staffing.example }
    cadence: markdown-agenda-agency-bench
`;
const NOW = '2027-01-10T09:00:00Z';

describe('the markdown-agenda plugin', () => {
  it('registers its cadence, template and sink under one name', () => {
    const plugin = markdownAgendaPlugin({ store: memoryStore() });
    expect(plugin.name).toBe('markdown-agenda');
    expect(Object.keys(plugin.cadences)).toEqual(['markdown-agenda-agency-bench']);
    expect(Object.keys(plugin.templates)).toEqual(['markdown-agenda.availability-note']);
    expect(plugin.sinks.markdown.capabilities).toEqual({
      dryRun: true,
      completions: true,
      cancel: true,
    });
  });

  it('lets a pipeline name its cadence only when the plugin is registered', () => {
    const plugin = markdownAgendaPlugin({ store: memoryStore() });
    expect(parsePipelineYaml(text, { plugins: [plugin] }).opportunities[0]!.cadence).toBe(
      'markdown-agenda-agency-bench',
    );
    const error = (() => {
      try {
        parsePipelineYaml(text, { file: 'runner-up.yaml' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isRunnerUpError(error) && error.code).toBe('unknown_cadence');
  });

  it('plans the markdown-agenda-agency-bench steps for the recruiter, with the template rendered', () => {
    const plugin = markdownAgendaPlugin({ store: memoryStore() });
    const pipeline = parsePipelineYaml(text, { plugins: [plugin] });
    const reminders = plan(pipeline, { now: NOW, horizon: 'P8M', plugins: [plugin] });
    expect(reminders.map((r) => [r.stepId, r.local.date, r.local.time])).toEqual([
      // Friday 8 January + 1 business day.
      ['thank-recruiter', '2027-01-11', '10:00'],
      ['availability-update', '2027-02-08', '10:00'],
      // The seat review is estimated five months after the decision.
      ['before-seat-review', '2027-06-08', '10:00'],
      ['before-seat-review', '2027-08-09', '10:00'],
    ]);
    expect(reminders.every((r) => r.contact?.name === 'Leo Brandt')).toBe(true);
    expect(reminders[0]!.talkingPoints[1]).toBe(
      'Say when you are free, for how long and at what rate, so Harbor Bank can be pitched you in one line.',
    );
    expect(reminders[2]!.why).toContain('seatReview is not known yet, so it is estimated');
  });

  it('syncs the plan to a checklist and reads a ticked box back as a completion', async () => {
    const store = memoryStore();
    const plugin = markdownAgendaPlugin({ store });
    const pipeline = parsePipelineYaml(text, { plugins: [plugin] });
    const reminders = plan(pipeline, { now: NOW, horizon: 'P8M', plugins: [plugin] });
    const sink = plugin.sinks.markdown;

    const first = await sink.sync(reminders);
    expect(first).toMatchObject({ sink: 'markdown', created: 4, updated: 0, requests: 2 });
    expect(store.text).toContain(
      '- [ ] 2027-01-11 10:00 · email · Thank Leo for putting you forward to Harbor Bank <!-- runner-up:harbor-bank-qa-lead/thank-recruiter/1 -->',
    );

    store.text = store.text!.replace('- [ ] 2027-01-11', '- [x] 2027-01-11');
    const second = await sink.sync(reminders);
    expect(second.completed).toEqual([
      {
        key: 'harbor-bank-qa-lead/thank-recruiter/1',
        opportunityId: 'harbor-bank-qa-lead',
        stepId: 'thank-recruiter',
        occurrence: 1,
        on: '2027-01-11',
      },
    ]);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 4, requests: 1 });
  });
});
