/**
 * A multimap from 32-bit integer keys to non-negative integers, each key's values in the order they
 * were added, held in typed arrays: an open-addressing table of keys, and one linked list of values
 * per key. The copy index files every article under 64 band keys and its postings; as a Map of arrays
 * that was a heap number and a small array per key, and filing took a fifth of `marsad classify`'s time.
 */
export class IntMultimap {
  /**
   * SLOT numbers per slot, side by side (one cache line answers a probe): the key, 1 + the entry of
   * its first value (0: an empty slot), the entry of its last, and how many values it holds.
   */
  private table: Int32Array;
  private slots: number;
  /** 32 - log2(slots): a hash's top bits pick the slot. */
  private shift: number;
  private used = 0;
  private values: Int32Array;
  /** Per entry: 1 + the entry of the key's next value, 0 after its last. */
  private nextEntry: Int32Array;
  private entries = 0;

  constructor(initialSlots = 1 << 12) {
    this.slots = 1 << Math.ceil(Math.log2(Math.max(initialSlots, 16)));
    this.shift = 32 - Math.log2(this.slots);
    this.table = new Int32Array(this.slots * SLOT);
    this.values = new Int32Array(this.slots);
    this.nextEntry = new Int32Array(this.slots);
  }

  /** How many values the key holds. */
  count(key: number): number {
    const at = this.find(key | 0);
    return this.table[at + HEAD] === 0 ? 0 : this.table[at + COUNT]!;
  }

  /** Adds a value under the key, after those it holds. */
  add(key: number, value: number): void {
    let at = this.find(key | 0);
    if (this.table[at + HEAD] === 0 && (this.used + 1) * 2 > this.slots) {
      this.grow();
      at = this.find(key | 0);
    }
    const entry = this.newEntry(value);
    const table = this.table;
    if (table[at + HEAD] === 0) {
      this.used++;
      table[at + KEY] = key | 0;
      table[at + HEAD] = entry + 1;
      table[at + COUNT] = 0;
    } else {
      this.nextEntry[table[at + TAIL]!] = entry + 1;
    }
    table[at + TAIL] = entry;
    table[at + COUNT]!++;
  }

  /** Calls `fn` with each value the key holds, in the order they were added. */
  forEach(key: number, fn: (value: number) => void): void {
    for (let entry = this.table[this.find(key | 0) + HEAD]!; entry !== 0; entry = this.nextEntry[entry - 1]!) fn(this.values[entry - 1]!);
  }

  /** Where the key's slot starts in the table, or the empty slot's where it would go (linear probing from a Fibonacci hash). */
  private find(key: number): number {
    const table = this.table;
    const mask = this.slots - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (table[slot * SLOT + HEAD] !== 0 && table[slot * SLOT + KEY] !== key) slot = (slot + 1) & mask;
    return slot * SLOT;
  }

  private newEntry(value: number): number {
    if (this.entries === this.values.length) {
      this.values = grown(this.values);
      this.nextEntry = grown(this.nextEntry);
    }
    this.values[this.entries] = value;
    this.nextEntry[this.entries] = 0;
    return this.entries++;
  }

  private grow(): void {
    const old = this.table;
    this.slots *= 2;
    this.shift--;
    this.table = new Int32Array(this.slots * SLOT);
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + HEAD] === 0) continue;
      const to = this.find(old[from + KEY]!);
      for (let i = 0; i < SLOT; i++) this.table[to + i] = old[from + i]!;
    }
  }
}

const SLOT = 4;
const KEY = 0;
const HEAD = 1;
const TAIL = 2;
const COUNT = 3;

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
