import { z } from 'zod';
import { TELEGRAM_MAX_TEXT, type Envelope } from './channels/index.js';
import type { Passage } from '@marsad/text';
import type { AlertableItem } from './rules.js';
import { ENGLISH, type Wording } from './wording.js';

/**
 * What an alert says, in every channel: the documented body of `json` webhooks (README, "Alerts").
 * `deliveryKey` is the same on every retry of one alert, so a receiver can drop a repeat.
 */
export const AlertMessageSchema = z.object({
  type: z.literal('marsad.alert'),
  deliveryKey: z.string(),
  rule: z.string(),
  storyId: z.string(),
  /** The story's page on the dashboard (MARSAD_PUBLIC_URL), or null when it has no public address. */
  storyUrl: z.string().nullable(),
  /** For a copy: the page showing it beside what it copies, word by word; null otherwise or without a public address. */
  compareUrl: z.string().nullable(),
  reasons: z.array(z.string()),
  item: z.object({
    id: z.string(),
    title: z.string(),
    url: z.string(),
    sourceId: z.string(),
    /** The source's name in the sources file (its id when it has none). */
    sourceName: z.string(),
    publishedAt: z.string().nullable(),
    fetchedAt: z.string(),
    language: z.string(),
    arabic: z.boolean(),
    tags: z.array(z.string()),
    duplicateOf: z.string().nullable(),
    /** The title of the reference article it copies (null for an item's copy, or no copy). */
    duplicateOfTitle: z.string().nullable(),
    similarity: z.number().nullable(),
    /** A revision: the item was stored before, and its source has since completed its text (README). */
    revised: z.boolean(),
    /**
     * The passage of the article around what made the rule fire (its first lines otherwise), white space
     * collapsed, "…" where it is cut; `marks`: the [start, end) ranges of `text` (UTF-16 code units, as
     * JavaScript counts) of the words that did. Empty when the item has no text beside its title.
     */
    excerpt: z.object({ text: z.string(), marks: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])) }),
  }),
});
export type AlertMessage = z.infer<typeof AlertMessageSchema>;

/** What people know an alert's item by, beyond what the item holds. */
export interface AlertContext {
  /** The source's name in the sources file, or its id. */
  sourceName(sourceId: string): string;
  /** A reference article's title (referenceTitle), when `id` is one. */
  referenceTitle(id: string): string | undefined;
  /** The zone the times are written in (MARSAD_TIMEZONE, an IANA name). */
  timeZone: string;
  /** What the alert says around the item (alerts.language). */
  words: Wording;
  /** The dashboard's address for people (MARSAD_PUBLIC_URL), without a trailing slash. */
  publicUrl?: string | undefined;
}

/** How an alert is written: its times' zone and its words. */
export type Reading = Pick<AlertContext, 'timeZone' | 'words'>;

/** Ids as names, times in UTC, English: for callers without a configuration. */
export const PLAIN_CONTEXT: AlertContext = { sourceName: (id) => id, referenceTitle: () => undefined, timeZone: 'UTC', words: ENGLISH };

/** A story's page on the dashboard, when it has a public address (MARSAD_PUBLIC_URL). */
export const storyPageUrl = ({ publicUrl }: Pick<AlertContext, 'publicUrl'>, storyId: string) => (publicUrl ? `${publicUrl}/stories/${encodeURIComponent(storyId)}` : undefined);

/** A copy's page beside what it copies, when the dashboard has a public address (MARSAD_PUBLIC_URL). */
const comparePageUrl = (context: Pick<AlertContext, 'publicUrl'>, storyId: string, itemId: string) => {
  const story = storyPageUrl(context, storyId);
  return story ? `${story}/compare/${encodeURIComponent(itemId)}` : undefined;
};

/** `excerpt`: what the rule found in the article (AlertRule.excerpt). */
export function alertMessage(deliveryKey: string, rule: string, item: AlertableItem, reasons: string[], context: AlertContext = PLAIN_CONTEXT, excerpt: Passage = NO_EXCERPT): AlertMessage {
  const { id, title, url, sourceId, publishedAt, fetchedAt, language, arabic, tags, duplicateOf, similarity, storyId, revision } = item;
  const duplicateOfTitle = duplicateOf ? (context.referenceTitle(duplicateOf) ?? null) : null;
  return {
    type: 'marsad.alert',
    deliveryKey,
    rule,
    storyId,
    storyUrl: storyPageUrl(context, storyId) ?? null,
    compareUrl: (duplicateOf && comparePageUrl(context, storyId, id)) ?? null,
    reasons,
    item: { id, title, url, sourceId, sourceName: context.sourceName(sourceId), publishedAt, fetchedAt, language, arabic, tags, duplicateOf, duplicateOfTitle, similarity, revised: revision !== undefined, excerpt },
  };
}

/** "2026-11-20 10:30", the wall-clock time in `timeZone`: what a spreadsheet reads as a date and time. */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** "2026-11-20 10:30 (Europe/Paris)": a person reads the time where they are. */
export const localTime = (iso: string, timeZone: string): string => `${localDateTime(iso, timeZone)} (${timeZone})`;

const when = (m: AlertMessage, timeZone: string) => localTime(m.item.publishedAt ?? m.item.fetchedAt, timeZone);
const byline = (m: AlertMessage, { timeZone, words }: Reading) =>
  `${m.item.sourceName} · ${when(m, timeZone)} · ${m.item.tags.join(', ') || words.noTag}${m.item.revised ? ` · ${words.revised}` : ''}`;

const NO_EXCERPT: Passage = { text: '', marks: [] };

/** The excerpt's text with its marks in `tag` (<b>, which every mail client, feed reader and Telegram show), the rest escaped. */
export function markedExcerpt({ text, marks }: Passage, tag = 'b'): string {
  let at = 0;
  let out = '';
  for (const [start, end] of marks) {
    out += `${escapeHtml(text.slice(at, start))}<${tag}>${escapeHtml(text.slice(start, end))}</${tag}>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at));
}

/** A share as people read it: 0.934 is "93%". */
export const percentOf = (share: number | null) => (share === null ? undefined : `${Math.round(share * 100)}%`);

/** "copy of «title» (reference 000_…, 93%)", or "copy of item <id> (93%)" for an earlier item, in `words`. */
function copyLine(m: AlertMessage, { words }: Reading): string {
  const { duplicateOf, duplicateOfTitle, similarity } = m.item;
  if (!duplicateOf) return '';
  return duplicateOfTitle ? words.copyOfReference(duplicateOfTitle, duplicateOf, percentOf(similarity)) : words.copyOfItem(duplicateOf, percentOf(similarity));
}

/** The dashboard's pages an alert links to: the story's, and for a copy, the copy beside what it copies. */
const pageLinks = (m: AlertMessage, { words }: Reading) => [
  ...(m.storyUrl ? [{ url: m.storyUrl, label: words.storyPage }] : []),
  ...(m.compareUrl ? [{ url: m.compareUrl, label: words.comparePage }] : []),
];

const whyLine = (m: AlertMessage, { words }: Reading) => `${words.why} ${m.reasons.join(words.semicolon) || m.rule}`;
/** The direction of the parts worded here. */
const dirOf = ({ words }: Reading) => ` dir="${words.lang === 'ar' ? 'rtl' : 'ltr'}" lang="${words.lang}"`;

export function subject(m: AlertMessage): string {
  return `[Marsad ${m.rule}] ${m.item.title || m.item.url}`;
}

export function plainText(m: AlertMessage, reading: Reading = PLAIN_CONTEXT): string {
  return [
    m.item.title,
    '',
    byline(m, reading),
    copyLine(m, reading),
    '',
    m.item.excerpt.text,
    '',
    whyLine(m, reading),
    '',
    m.item.url,
    ...pageLinks(m, reading).map(({ url, label }) => `${label}: ${url}`),
    '',
    reading.words.signature(m.rule),
  ]
    .filter((line, i, lines) => line !== '' || lines[i - 1] !== '')
    .join('\n');
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A feed's link when it is one a reader may follow (http or https), else null: never `javascript:` or `data:`. */
export const safeHref = (url: string): string | null => (/^https?:\/\//i.test(url) ? url : null);

/** The HTML part: Arabic items right to left; everything from a feed escaped, so it can run nothing. */
export function html(m: AlertMessage, reading: Reading = PLAIN_CONTEXT): string {
  const dir = m.item.arabic ? ' dir="rtl" lang="ar"' : '';
  const href = escapeHtml(safeHref(m.item.url) ?? '#');
  const links = pageLinks(m, reading);
  return `<!doctype html><html><body>
<div${dir}>
<h2><a href="${href}">${escapeHtml(m.item.title || m.item.url)}</a></h2>
</div>
${m.item.excerpt.text ? `<p${dir}>${markedExcerpt(m.item.excerpt, 'b')}</p>` : ''}
<div${dirOf(reading)}>
<p>${escapeHtml(byline(m, reading))}</p>
${m.item.duplicateOf ? `<p>${escapeHtml(copyLine(m, reading))}</p>` : ''}
<p>${escapeHtml(reading.words.why)}</p>
<ul>${m.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>
${links.length ? `<p>${links.map(({ url, label }) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`).join(' · ')}</p>` : ''}
<p style="color:#666">${escapeHtml(reading.words.signature(m.rule))}</p>
</div>
</body></html>`;
}

/**
 * A Slack link to a feed's address: only an http(s) one, whose `|` and `>` would end the link's
 * markup early (Slack reads them percent-encoded); the label alone otherwise.
 */
function slackLink(url: string, label: string): string {
  const href = safeHref(url);
  return href ? `<${href.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${label}>` : label;
}

/** Text for Slack's mrkdwn, where a feed's `<!channel>` would otherwise notify everyone. */
export const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack Block Kit. */
export function slack(m: AlertMessage, reading: Reading = PLAIN_CONTEXT): unknown {
  return {
    text: subject(m),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${slackLink(m.item.url, escapeSlack(m.item.title || m.item.url))}*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack([byline(m, reading), copyLine(m, reading)].filter(Boolean).join(' · ')) }] },
      ...(m.item.excerpt.text ? [{ type: 'section', text: { type: 'plain_text', text: m.item.excerpt.text } }] : []),
      { type: 'section', text: { type: 'mrkdwn', text: escapeSlack(whyLine(m, reading)) } },
      ...(m.storyUrl === null ? [] : [{ type: 'context', elements: pageLinks(m, reading).map(({ url, label }) => ({ type: 'mrkdwn', text: slackLink(url, escapeSlack(label)) })) }]),
    ],
  };
}

/**
 * Text for an Adaptive Card's TextBlock, which Teams reads as Markdown: a feed's `[label](address)` is
 * no link (its clients escape backslashes each their own way, so the pair is broken apart instead), and
 * each line its own paragraph (one line break alone joins lines).
 */
export const teamsText = (text: string) => text.replace(/\]\(/g, '] (').split('\n').filter((line) => line.trim() !== '').join('\n\n');

/** Microsoft Teams: an Adaptive Card in a message attachment. */
export function teams(m: AlertMessage, reading: Reading = PLAIN_CONTEXT): unknown {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          rtl: m.item.arabic,
          body: [
            { type: 'TextBlock', text: teamsText(m.item.title || m.item.url), weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: teamsText([byline(m, reading), copyLine(m, reading)].filter(Boolean).join(' · ')), isSubtle: true, wrap: true },
            ...(m.item.excerpt.text ? [{ type: 'TextBlock', text: teamsText(m.item.excerpt.text), wrap: true }] : []),
            { type: 'TextBlock', text: teamsText(whyLine(m, reading)), wrap: true },
          ],
          // A card with an action Teams cannot open is refused whole: the article's only when it is a web address.
          actions: [
            ...(safeHref(m.item.url) ? [{ type: 'Action.OpenUrl', title: reading.words.openArticle, url: m.item.url }] : []),
            ...pageLinks(m, reading).map(({ url, label }) => ({ type: 'Action.OpenUrl', title: label, url })),
          ],
        },
      },
    ],
  };
}

/** A Telegram link to a feed's address, only an http(s) one: the label alone otherwise. */
const telegramLink = (url: string, label: string) => {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>` : escapeHtml(label);
};

/**
 * Telegram's HTML (escapeHtml's entities are all ones it reads: &lt; &gt; &amp; &quot; and numeric
 * ones): the title as a bold link, the byline and copy, why, and the story's page. Lines
 * are Telegram's paragraphs, each set right to left or left to right by its own letters.
 */
export function telegram(m: AlertMessage, reading: Reading = PLAIN_CONTEXT): string {
  return [
    `<b>${telegramLink(m.item.url, m.item.title || m.item.url)}</b>`,
    escapeHtml(byline(m, reading)),
    m.item.duplicateOf ? escapeHtml(copyLine(m, reading)) : '',
    // In italics, not a <blockquote>: a self-hosted Bot API server older than 7.0 refuses that tag, and the alert with it.
    m.item.excerpt.text ? `<i>${markedExcerpt(m.item.excerpt, 'b')}</i>` : '',
    escapeHtml(whyLine(m, reading)),
    pageLinks(m, reading).map(({ url, label }) => telegramLink(url, label)).join(' · '),
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Plain text in pieces of at most `room` characters, each ending at a line's end (a line longer than a
 * piece is broken inside it). Past `maxPieces`, the last piece ends with the line `more`, saying where the
 * rest is, and the rest is dropped.
 */
export function packLines(text: string, room: number, maxPieces: number, more: string): string[] {
  const pieces: string[][] = [];
  let length = Infinity;
  for (const line of text.split('\n').flatMap((l) => breakLine(l, room))) {
    if (length + line.length + 1 > room) {
      if (line === '') continue; // a blank line does not start a piece
      pieces.push([]);
      length = -1;
    }
    pieces.at(-1)!.push(line);
    length += line.length + 1;
  }
  if (pieces.length === 0) return [''];
  const joined = (lines: string[]) => lines.join('\n').replace(/\n+$/, '');
  if (pieces.length <= maxPieces) return pieces.map(joined);
  const kept = pieces.slice(0, maxPieces);
  const last = kept.at(-1)!;
  while (last.length && joined(last).length + more.length + 1 > room) last.pop();
  last.push(more);
  return kept.map(joined);
}

/** A line cut into pieces of `room` characters, never between the two halves of a surrogate pair. */
function breakLine(line: string, room: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > room) {
    const cut = /[\uDC00-\uDFFF]/.test(rest[room]!) ? room - 1 : room;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return [...pieces, rest];
}

/** Messages one digest may take in a Telegram chat, where a group takes a bot's 20 a minute. */
export const TELEGRAM_MAX_PARTS = 8;

/**
 * A digest as Telegram messages, in its HTML mode: each within Telegram's limit, under the subject in bold,
 * numbered when there are several; a digest longer than eight says on its last line where the rest is.
 */
export function telegramParts(subject: string, text: string, more: string, limit = TELEGRAM_MAX_TEXT): string[] {
  const heading = (n: number, of: number) => (of > 1 ? `${subject} (${n}/${of})` : subject);
  const room = limit - heading(TELEGRAM_MAX_PARTS, TELEGRAM_MAX_PARTS).length - 1;
  const parts = packLines(text, room, TELEGRAM_MAX_PARTS, more);
  return parts.map((part, i) => `<b>${escapeHtml(heading(i + 1, parts.length))}</b>\n${escapeHtml(part)}`);
}

/** An alert, ready for any channel, written as `reading` says. */
export function alertEnvelope(m: AlertMessage, reading: Reading = PLAIN_CONTEXT): Envelope {
  return {
    deliveryKey: m.deliveryKey,
    rule: m.rule,
    subject: subject(m),
    text: plainText(m, reading),
    html: html(m, reading),
    bodies: { json: m, slack: slack(m, reading), teams: teams(m, reading), telegram: [telegram(m, reading)] },
  };
}
