import { AlertsSchema } from '@marsad/config';
import { NameSpellings } from '@marsad/text';
import { describe, expect, it } from 'vitest';
import { compileRule, type AlertableItem } from './rules.js';

const RULES = AlertsSchema.parse({
  channels: [{ id: 'hook', type: 'webhook', url: 'http://127.0.0.1:1/unused' }],
  rules: [
    { id: 'minister', query: 'Laftit', channels: ['hook'] },
    { id: 'tangier', query: 'Tanger NOT فاس', channels: ['hook'] },
    { id: 'dgsn', tags: ['dgsn'], channels: ['hook'] },
    { id: 'pickups', references: true, channels: ['hook'] },
  ],
}).rules;
const ITEM = { title: 'لفتيت يترأس اجتماعا أمنيا بالرباط' } as AlertableItem;

describe('compileRule', () => {
  it("finds a query's names under the spellings the config gives them", () => {
    expect(compileRule(RULES[0]!).explain(ITEM)).toBeNull();
    const named = compileRule(RULES[0]!, undefined, undefined, new NameSpellings([['Laftit', 'لفتيت']]));
    expect(named.explain(ITEM)).toEqual(['query Laftit: «لفتيت»']);
  });
});

describe("an alert's excerpt", () => {
  /** The passage with its marks in [brackets]. */
  const shown = ({ text, marks }: { text: string; marks: [number, number][] }) => marks.reduceRight((out, [start, end]) => `${out.slice(0, start)}[${out.slice(start, end)}]${out.slice(end)}`, text);
  const BODY = `${'افتتح المهرجان الدولي للسينما دورته الجديدة. '.repeat(8)}وأعلنت المديرية العامة للأمن الوطني أن عناصرها بطنجة أوقفت شخصا، في إطار جهود المصالح الأمنية.`;
  const item = { title: 'خبر', tags: ['dgsn'], evidence: { dgsn: [{ alias: 'المديرية العامة للأمن الوطني', offset: 0, matched: 'المديرية العامة للأمن الوطني' }, { alias: 'الأمن', offset: 0, matched: 'الأمن' }] } } as unknown as AlertableItem;
  const rule = (id: string) => compileRule(RULES.find((r) => r.id === id)!);

  it("is the passage around what the rule's query found, its words marked, not what its NOT names", () => {
    expect(shown(rule('tangier').excerpt(item, BODY))).toMatch(/^….*للأمن الوطني أن عناصرها \[بطنجة\] أوقفت شخصا، في إطار جهود المصالح الأمنية\.$/);
  });

  it("marks the rule's tags' evidence as whole words, not inside a longer word", () => {
    const excerpt = shown(rule('dgsn').excerpt(item, BODY));
    expect(excerpt).toContain('وأعلنت [المديرية العامة للأمن الوطني] أن');
    expect(excerpt).toContain('المصالح الأمنية');
    expect(excerpt).not.toContain('[الأمن');
  });

  it("is the article's first lines for a rule that found nothing in its text", () => {
    expect(shown(rule('pickups').excerpt(item, BODY))).toMatch(/^افتتح المهرجان الدولي للسينما دورته الجديدة\. .*…$/);
    expect(rule('dgsn').excerpt(item, '')).toEqual({ text: '', marks: [] });
  });
});
