import { describe, expect, test } from 'vitest';
import type { Contact, Opportunity, Step } from '../../src';
import { createStepRenderer, ID_LIMIT } from '../../src/engine/render-step';

const step = {
  id: 'hello',
  from: 'previous',
  after: 'P1W',
  action: 'call',
  title: 'Call {contact.firstName} at {organization}',
  talkingPoints: ['Ask {contact.firstName} what changed'],
} as Step;

const opportunity = {
  id: 'opp',
  organization: 'Acme',
  title: 'Engineer',
  dates: {},
} as unknown as Opportunity;

describe('step renderer', () => {
  test('shares texts between contacts who read the same, past the numeric key range too', () => {
    const renderer = createStepRenderer(new Map(), 'Lynne');
    const render = (name: string) =>
      renderer.render(opportunity, step, { name } as Contact, opportunity.dates);
    // Enough distinct first names that later ones are keyed by string rather than number.
    const names = Array.from({ length: ID_LIMIT + 10 }, (_, i) => `N${i}`);
    const first = names.map((name) => render(name));
    for (const i of [0, 1, ID_LIMIT - 1, ID_LIMIT, ID_LIMIT + 9]) {
      expect(first[i]!.title).toBe(`Call ${names[i]} at Acme`);
      // The same first name finds the same texts, with either kind of key.
      expect(render(`${names[i]} Lee`).talkingPoints).toBe(first[i]!.talkingPoints);
    }
    // Distinct names never share.
    expect(new Set(first.map((r) => r.talkingPoints)).size).toBe(names.length);
  });
});
