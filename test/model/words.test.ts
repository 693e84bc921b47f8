import { describe, expect, it } from 'vitest';
import { asClause, plural } from '../../model/words.ts';

describe('words', () => {
  it('counts in English', () => {
    expect([plural(1, 'context'), plural(2, 'context'), plural(0, 'event'), plural(3, 'sticky', 'stickies')]).toEqual([
      '1 context',
      '2 contexts',
      '0 events',
      '3 stickies',
    ]);
  });
  it('makes a sentence a clause, and leaves names and acronyms alone', () => {
    expect(asClause('The property "total" became required')).toBe('the property "total" became required');
    expect(['AsyncAPI says so', 'X', '"Order" is gone', 'the rest']).toEqual(
      ['AsyncAPI says so', 'X', '"Order" is gone', 'the rest'].map(asClause),
    );
  });
});
