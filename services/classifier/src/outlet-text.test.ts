import { createRedis, type RawItem } from '@marsad/queues';
import { fingerprintOf, OutletBoilerplate } from '@marsad/text';
import { createTestRedis, itemsUnderOneFooter, OUTLET_FOOTER, SHORT_ITEM_BODIES } from '@marsad/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseItem, loadTagger, type Analyser } from './analyse.js';
import { SharedOutletText } from './outlet-text.js';
import { SharedCopyIndex } from './shared-copy-index.js';

const redis = createTestRedis('outlets');
const connection = createRedis(redis.url);
afterAll(async () => {
  connection.disconnect();
  await redis.cleanup();
});

const tagger = loadTagger();
const prefixFor = (name: string) => `${redis.prefix.slice(0, -1)}-${name}}:index`;
const rawItem = (i: number, text: string): RawItem => ({ id: `o${i}`, sourceId: 'site', url: `https://www.footer.ma/news/${i}`, title: '', text, publishedAt: null, fetchedAt: '2026-11-20T10:00:00.000Z' });

/** Each of the footer items through analyseItem, with the outlets learner `outletsFor` gives for it. */
async function copiesOf(index: SharedCopyIndex, outletsFor: (i: number) => NonNullable<Analyser['outlets']>) {
  const copied: (string | null)[] = [];
  for (const [i, text] of itemsUnderOneFooter().entries()) {
    copied.push((await analyseItem(rawItem(i, text), { tagger, index, outlets: outletsFor(i) })).duplicateOf);
  }
  return copied;
}

describe('SharedOutletText', () => {
  it("lets a classifier that restarted, or another replica, set an outlet's footer apart from its first item on", async () => {
    const prefix = prefixFor('restart');
    const index = new SharedCopyIndex(connection, { prefix });
    const before = new SharedOutletText(connection, prefix, 3_600);
    const after = new SharedOutletText(connection, prefix, 3_600);
    // Two items before the restart, four after: none is a copy (see the next test for what the third would be).
    expect(await copiesOf(index, (i) => (i < 2 ? before : after))).toEqual([null, null, null, null, null, null]);
  });

  it("passes on that an outlet's footer is established: a restarted classifier's first teaser under it is no copy", async () => {
    const prefix = prefixFor('established');
    const index = new SharedCopyIndex(connection, { prefix });
    const words = SHORT_ITEM_BODIES.join(' ').split(' ');
    const teasers = Array.from({ length: 9 }, (_, i) => `${words.slice(12 * i, 12 * i + 10).join(' ')}\n${OUTLET_FOOTER}`);
    const [before, after] = [new SharedOutletText(connection, prefix, 3_600), new SharedOutletText(connection, prefix, 3_600)];
    const copied: (string | null)[] = [];
    for (const [i, text] of teasers.entries()) copied.push((await analyseItem(rawItem(i, text), { tagger, index, outlets: i < 8 ? before : after })).duplicateOf);
    // Established once five teasers end with it, and written then; the restarted learner reads it at its first teaser.
    expect(copied).toEqual([null, 'o0', 'o0', 'o0', 'o0', null, null, null, null]);
  });

  it('without it, the first item a new learner sees is a copy again', async () => {
    const prefix = prefixFor('unshared');
    const index = new SharedCopyIndex(connection, { prefix });
    const [before, after] = [new OutletBoilerplate(), new OutletBoilerplate()];
    const copied = await copiesOf(index, (i) => (i < 2 ? before : after));
    // Two originals hold the footer: not yet enough for the index to call it boilerplate on its own.
    expect(copied[2]).toBe('o0');
  });

  it('writes what it learnt of an outlet when it learns it and when it is established, with the expiry given, and reads it once', async () => {
    const prefix = prefixFor('writes');
    const learner = new SharedOutletText(connection, prefix, 3_600);
    const commands: string[] = [];
    const monitored = new Proxy(connection, {
      get: (target, name, receiver) => {
        if (name === 'set' || name === 'getBuffer') commands.push(String(name));
        const value = Reflect.get(target, name, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const counted = new SharedOutletText(monitored, prefix, 3_600);
    for (const text of itemsUnderOneFooter()) await counted.observe('footer.ma', fingerprintOf(text));
    expect(commands).toEqual(['getBuffer', 'set', 'set']);
    const key = `${prefix}:outlet:footer.ma`;
    expect(await connection.ttl(key)).toBeGreaterThan(3_500);
    // What another classifier reads is what this one learnt: its footer, set apart from the first item on.
    const footerOnly = fingerprintOf(itemsUnderOneFooter()[0]!.split('\n')[1]!);
    expect(await learner.observe('footer.ma', fingerprintOf(itemsUnderOneFooter()[1]!))).toBeDefined();
    expect((await learner.observe('footer.ma', footerOnly))?.size).toBeGreaterThan(50);
  });
});
