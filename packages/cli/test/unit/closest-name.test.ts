import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/output/closest-name';

const IDS = ['stark-fleet-manager', 'stark-fleet-ops', 'acme-telecom-pm', 'northwind-ops'];

describe('closestName', () => {
  it('finds a misspelt id within a few edits, swaps of neighbours counting as one', () => {
    expect(closestName('acme-telcom-pm', IDS)).toBe('acme-telecom-pm');
    expect(closestName('northwnid-ops', IDS)).toBe('northwind-ops');
    expect(closestName('ACME-TELECOM-PM', IDS)).toBe('acme-telecom-pm');
  });

  it('finds an id cut short when only one id starts with it', () => {
    expect(closestName('stark-fleet-m', IDS)).toBe('stark-fleet-manager');
    expect(closestName('acme', IDS)).toBe('acme-telecom-pm');
    // Two ids start with it: no guess.
    expect(closestName('stark-fleet', IDS)).toBeUndefined();
  });

  it('suggests nothing for a name unlike every id', () => {
    expect(closestName('globex', IDS)).toBeUndefined();
    expect(closestName('x', IDS)).toBeUndefined();
  });
});

describe('closestName across Unicode normal forms', () => {
  it('suggests the same name whether the file wrote its accents as letters or as marks', () => {
    const name = 'Hélène Bénédicte Lefèvre-Dupré';
    const typo = 'Hélène Bénédicte Lefèvre-Dupre';
    expect(closestName(typo, [name])).toBe(name);
    const decomposed = name.normalize('NFD');
    expect(closestName(typo, [decomposed])).toBe(decomposed);
  });
});
