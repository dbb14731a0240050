import { AlertsSchema } from '@marsad/config';
import { NameSpellings } from '@marsad/text';
import { describe, expect, it } from 'vitest';
import { compileRule, type AlertableItem } from './rules.js';

const RULES = AlertsSchema.parse({
  channels: [{ id: 'hook', type: 'webhook', url: 'http://127.0.0.1:1/unused' }],
  rules: [{ id: 'minister', query: 'Laftit', channels: ['hook'] }],
}).rules;
const ITEM = { title: 'لفتيت يترأس اجتماعا أمنيا بالرباط' } as AlertableItem;

describe('compileRule', () => {
  it("finds a query's names under the spellings the config gives them", () => {
    expect(compileRule(RULES[0]!).explain(ITEM)).toBeNull();
    const named = compileRule(RULES[0]!, undefined, undefined, new NameSpellings([['Laftit', 'لفتيت']]));
    expect(named.explain(ITEM)).toEqual(['query Laftit: «لفتيت»']);
  });
});
