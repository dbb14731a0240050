import type { Redis } from '@marsad/queues';
import { ESTABLISHED_ENDINGS, OUTLET_MEMORY, OUTLET_REPEATS, OutletBoilerplate, sortedLookup, type Fingerprint, type OutletText } from '@marsad/text';

/** Outlets whose learning and reads are held in memory at once; the one heard from longest ago goes first. */
const MAX_OUTLETS = 1_000;

/**
 * What each outlet repeats (OutletBoilerplate), shared through Redis: each classifier learns from the
 * items it handles and publishes what it has learnt of an outlet; one that has too few of the
 * outlet's items of its own (a replica just started or restarted, one handed few of them) uses what
 * was published. It costs one read per outlet and process, and a write when an outlet's footer
 * changes, checked at its second and fifth item (when a footer can first be learnt, then established)
 * and every OUTLET_MEMORY items after.
 */
export class SharedOutletText {
  private readonly learner = new OutletBoilerplate(MAX_OUTLETS);
  /** Per outlet: items seen, and what Redis holds for it as last read or written (null: nothing). */
  private readonly outlets = new Map<string, { seen: number; published?: OutletText | null }>();

  constructor(
    private readonly redis: Redis,
    /** Keys are `<prefix>:outlet:<outlet>` (the copy index's prefix: one hash tag for both). */
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  async observe(outlet: string | undefined, article: Pick<Fingerprint, 'shingles' | 'sequence'>): Promise<OutletText | undefined> {
    if (!outlet) return undefined;
    const state = this.stateOf(outlet);
    const known = this.learner.remembered(outlet) < OUTLET_REPEATS ? await this.read(outlet, state) : undefined;
    const learnt = this.learner.observe(outlet, article, known ?? undefined);
    state.seen++;
    if (state.seen === ESTABLISHED_ENDINGS || state.seen % OUTLET_MEMORY === OUTLET_REPEATS) await this.publish(outlet, state);
    return learnt;
  }

  private stateOf(outlet: string) {
    const state = this.outlets.get(outlet) ?? { seen: 0 };
    this.outlets.delete(outlet);
    this.outlets.set(outlet, state);
    if (this.outlets.size > MAX_OUTLETS) this.outlets.delete(this.outlets.keys().next().value!);
    return state;
  }

  private async read(outlet: string, state: { published?: OutletText | null }): Promise<OutletText | null> {
    if (state.published !== undefined) return state.published;
    const bytes = await this.redis.getBuffer(this.key(outlet));
    state.published = bytes && bytes.length >= 5 ? asOutletText(bytes) : null;
    return state.published;
  }

  /** Writes what this learner knows of the outlet when it differs from what Redis holds. */
  private async publish(outlet: string, state: { published?: OutletText | null }): Promise<void> {
    const learnt = this.learner.learnt(outlet);
    const { published } = state;
    if (!learnt || (published && learnt.established === published.established && sameValues(learnt.values, published.values))) return;
    await this.redis.set(this.key(outlet), asBytes(learnt), 'EX', this.ttlSeconds);
    state.published = learnt;
  }

  private key(outlet: string): string {
    return `${this.prefix}:outlet:${outlet}`;
  }
}

/** One byte, 1 when established, then each shingle as 4 bytes, big-endian. */
function asBytes({ values, established }: OutletText): Buffer {
  const bytes = Buffer.alloc(1 + values.length * 4);
  bytes[0] = established ? 1 : 0;
  values.forEach((value, i) => bytes.writeUInt32BE(value, 1 + i * 4));
  return bytes;
}

function asOutletText(bytes: Buffer): OutletText {
  const values = new Uint32Array(Math.floor((bytes.length - 1) / 4));
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt32BE(1 + i * 4);
  values.sort();
  return { ...sortedLookup(values), values, established: bytes[0] === 1 };
}

function sameValues(a: Uint32Array, b: Uint32Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
