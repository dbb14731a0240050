import { z } from 'zod';
import type { Envelope } from './channels/index.js';
import type { AlertableItem } from './rules.js';

/**
 * What an alert says, in every channel: the documented body of `json` webhooks (README, "Alerts").
 * `deliveryKey` is the same on every retry of one alert, so a receiver can drop a repeat.
 */
export const AlertMessageSchema = z.object({
  type: z.literal('marsad.alert'),
  deliveryKey: z.string(),
  rule: z.string(),
  storyId: z.string(),
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
}

/** Ids as names, times in UTC: for callers without a sources file or references. */
export const PLAIN_CONTEXT: AlertContext = { sourceName: (id) => id, referenceTitle: () => undefined, timeZone: 'UTC' };

export function alertMessage(deliveryKey: string, rule: string, item: AlertableItem, reasons: string[], context: AlertContext = PLAIN_CONTEXT): AlertMessage {
  const { id, title, url, sourceId, publishedAt, fetchedAt, language, arabic, tags, duplicateOf, similarity, storyId } = item;
  const duplicateOfTitle = duplicateOf ? (context.referenceTitle(duplicateOf) ?? null) : null;
  return {
    type: 'marsad.alert',
    deliveryKey,
    rule,
    storyId,
    reasons,
    item: { id, title, url, sourceId, sourceName: context.sourceName(sourceId), publishedAt, fetchedAt, language, arabic, tags, duplicateOf, duplicateOfTitle, similarity },
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
const byline = (m: AlertMessage, timeZone: string) => `${m.item.sourceName} · ${when(m, timeZone)} · ${m.item.tags.join(', ') || 'no tag'}`;

/** "copy of «title» (reference 000_…, 93%)", or "copy of item <id> (93%)" for an earlier item. */
function copyLine(m: AlertMessage): string {
  const { duplicateOf, duplicateOfTitle, similarity } = m.item;
  if (!duplicateOf) return '';
  const percent = similarity === null ? undefined : `${Math.round(similarity * 100)}%`;
  if (duplicateOfTitle) return `copy of «${duplicateOfTitle}» (reference ${duplicateOf}${percent ? `, ${percent}` : ''})`;
  return `copy of item ${duplicateOf}${percent ? ` (${percent})` : ''}`;
}

export function subject(m: AlertMessage): string {
  return `[Marsad ${m.rule}] ${m.item.title || m.item.url}`;
}

export function plainText(m: AlertMessage, timeZone = 'UTC'): string {
  return [
    m.item.title,
    '',
    byline(m, timeZone),
    copyLine(m),
    '',
    `Why: ${m.reasons.join('; ') || `rule ${m.rule}`}`,
    '',
    m.item.url,
    '',
    `-- Marsad, rule "${m.rule}"`,
  ]
    .filter((line, i, lines) => line !== '' || lines[i - 1] !== '')
    .join('\n');
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A feed's link when it is one a reader may follow (http or https), else null: never `javascript:` or `data:`. */
export const safeHref = (url: string): string | null => (/^https?:\/\//i.test(url) ? url : null);

/** The HTML part: Arabic items right to left; everything from a feed escaped, so it can run nothing. */
export function html(m: AlertMessage, timeZone = 'UTC'): string {
  const dir = m.item.arabic ? ' dir="rtl" lang="ar"' : '';
  const href = escapeHtml(safeHref(m.item.url) ?? '#');
  return `<!doctype html><html><body>
<div${dir}>
<h2><a href="${href}">${escapeHtml(m.item.title || m.item.url)}</a></h2>
<p>${escapeHtml(byline(m, timeZone))}</p>
${m.item.duplicateOf ? `<p>${escapeHtml(copyLine(m))}</p>` : ''}
<ul>${m.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>
</div>
<p dir="ltr" style="color:#666">Marsad, rule “${escapeHtml(m.rule)}”</p>
</body></html>`;
}

/** Slack Block Kit. */
export function slack(m: AlertMessage, timeZone = 'UTC'): unknown {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    text: subject(m),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*<${m.item.url}|${escape(m.item.title || m.item.url)}>*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escape([byline(m, timeZone), copyLine(m)].filter(Boolean).join(' · ')) }] },
      { type: 'section', text: { type: 'mrkdwn', text: escape(m.reasons.join('\n') || `rule ${m.rule}`) } },
    ],
  };
}

/** Microsoft Teams: an Adaptive Card in a message attachment. */
export function teams(m: AlertMessage, timeZone = 'UTC'): unknown {
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
            { type: 'TextBlock', text: m.item.title || m.item.url, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: [byline(m, timeZone), copyLine(m)].filter(Boolean).join(' · '), isSubtle: true, wrap: true },
            { type: 'TextBlock', text: m.reasons.join('\n') || `rule ${m.rule}`, wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open', url: m.item.url }],
        },
      },
    ],
  };
}

/** An alert, ready for any channel, its times in `timeZone`. */
export function alertEnvelope(m: AlertMessage, timeZone = 'UTC'): Envelope {
  return {
    deliveryKey: m.deliveryKey,
    rule: m.rule,
    subject: subject(m),
    text: plainText(m, timeZone),
    html: html(m, timeZone),
    bodies: { json: m, slack: slack(m, timeZone), teams: teams(m, timeZone) },
  };
}
