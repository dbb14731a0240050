import type { AlertRule, AlertableItem } from './rules.js';

/** An item as the store lists it: with its text. */
export type ListedItem = AlertableItem & { text: string; /** When a revision was last stored over it (StoredItem's). */ revisedAt?: string | null };

export interface Pickup {
  itemId: string;
  sourceId: string;
  url: string;
  title: string;
  seenAt: string;
  /** Seconds after the story's first sighting. */
  afterSeconds: number;
  similarity: number | null;
}

/** A story: the original (or, for a reference article, its first sighting) and every copy found. */
export interface Story {
  storyId: string;
  /** The original item, or the earliest copy when the original is a reference article. */
  first: ListedItem;
  firstSeenAt: string;
  pickups: Pickup[];
  /** Why the rule matched (for a rule's stories). */
  reasons: string[];
}

const seenAt = (item: AlertableItem) => item.publishedAt ?? item.fetchedAt;

/** A copy as a pickup: outlet, when, how long after the story's first sighting (`firstTime`, ms), how faithfully. */
export function pickupOf(item: AlertableItem, firstTime: number): Pickup {
  return {
    itemId: item.id,
    sourceId: item.sourceId,
    url: item.url,
    title: item.title,
    seenAt: seenAt(item),
    afterSeconds: Math.round((Date.parse(seenAt(item)) - firstTime) / 1000),
    similarity: item.similarity,
  };
}

/** Groups items into stories, newest first by first sighting; `rule` keeps the stories it matches. */
export function storiesOf(items: readonly ListedItem[], rule?: AlertRule): Story[] {
  const byStory = new Map<string, ListedItem[]>();
  for (const item of items) {
    const group = byStory.get(item.storyId);
    if (group) group.push(item);
    else byStory.set(item.storyId, [item]);
  }
  const stories: Story[] = [];
  for (const [storyId, group] of byStory) {
    const sorted = group.sort((a, b) => seenAt(a).localeCompare(seenAt(b)));
    let reasons: string[] = [];
    if (rule) {
      const matching = sorted.map((item) => rule.explain(item, `${item.title}\n${item.text}`)).find((r) => r !== null);
      if (!matching) continue;
      reasons = matching;
    }
    // The original: the item no other copies (it keeps the story's id unless an article published
    // before it, classified after, took its place); a reference's story has none but its first sighting.
    const first = sorted.find((item) => item.duplicateOf === null) ?? sorted[0]!;
    const firstTime = Date.parse(seenAt(sorted[0]!));
    stories.push({
      storyId,
      first,
      firstSeenAt: seenAt(sorted[0]!),
      reasons,
      pickups: sorted.filter((item) => item !== first).map((item) => pickupOf(item, firstTime)),
    });
  }
  return stories.sort((a, b) => b.firstSeenAt.localeCompare(a.firstSeenAt));
}
