import { Feed } from 'feed';
import { escapeHtml, markedExcerpt, PLAIN_CONTEXT, type AlertContext } from './message.js';
import type { AlertRule } from './rules.js';
import type { Story } from './stories.js';

/** A rule's stories as an Atom feed, so a team can follow the rule in any feed reader; outlets by name, in the configured words. */
export function atomFeed(rule: AlertRule, stories: readonly Story[], feedUrl: string, { sourceName, words }: Pick<AlertContext, 'sourceName' | 'words'> = PLAIN_CONTEXT): string {
  const updated = stories[0] ? new Date(stories[0].firstSeenAt) : new Date(0);
  const feed = new Feed({
    id: `urn:marsad:rule:${rule.id}`,
    title: `Marsad: ${rule.id}`,
    description: `Stories matching the alert rule "${rule.id}"`,
    link: feedUrl,
    feedLinks: { atom: feedUrl },
    updated,
    copyright: '',
    generator: 'Marsad',
  });
  for (const story of stories) {
    const { first } = story;
    const pickups = story.pickups.map((p) => `${sourceName(p.sourceId)} ${words.pickup(Math.round(p.afterSeconds / 60), undefined)}`);
    feed.addItem({
      id: `urn:marsad:story:${story.storyId}`,
      // The feed library writes titles and summaries as type="html": text from feeds must reach readers escaped.
      title: escapeHtml(first.title || first.url),
      link: first.url,
      date: new Date(story.pickups.at(-1)?.seenAt ?? story.firstSeenAt),
      published: new Date(story.firstSeenAt),
      author: [{ name: sourceName(first.sourceId) }],
      description: [
        markedExcerpt(rule.excerpt(first, first.text)),
        ...[
          `${sourceName(first.sourceId)} · ${first.tags.join(', ')}`,
          story.reasons.length ? `${words.why} ${story.reasons.join(words.semicolon)}` : '',
          pickups.length ? `${words.alsoPublishedBy}: ${pickups.join(', ')}` : '',
        ].map(escapeHtml),
      ]
        .filter(Boolean)
        .join('<br/>'),
    });
  }
  return feed.atom1();
}
