import { describe, expect, it } from 'vitest';
import { closestFieldName } from '../../src';

describe('closestFieldName: the remote field most likely meant, for a rename hint', () => {
  it('finds the same words in another case or spelling, or a name holding them all', () => {
    expect(closestFieldName('Due date', ['Name', 'due_date'])).toBe('due_date');
    expect(closestFieldName('Due', ['Name', 'Due date'])).toBe('Due date');
  });

  it('allows a few letters off in a name of five letters or more, the closest first', () => {
    expect(closestFieldName('Organization', ['Organisation', 'Orgs'])).toBe('Organisation');
    expect(closestFieldName('Done', ['Dome'])).toBeUndefined();
  });

  it('gives nothing for a name without letters or digits, or when nothing is close', () => {
    expect(closestFieldName('--', ['Due'])).toBeUndefined();
    expect(closestFieldName('Status', ['Owner', 'Notes'])).toBeUndefined();
  });
});
