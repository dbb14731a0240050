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
    publishedAt: z.string().nullable(),
    fetchedAt: z.string(),
    language: z.string(),
    arabic: z.boolean(),
    tags: z.array(z.string()),
    duplicateOf: z.string().nullable(),
    similarity: z.number().nullable(),
  }),
});
export type AlertMessage = z.infer<typeof AlertMessageSchema>;

export function alertMessage(deliveryKey: string, rule: string, item: AlertableItem, reasons: string[]): AlertMessage {
  const { id, title, url, sourceId, publishedAt, fetchedAt, language, arabic, tags, duplicateOf, similarity, storyId } = item;
  return {
    type: 'marsad.alert',
    deliveryKey,
    rule,
    storyId,
    reasons,
    item: { id, title, url, sourceId, publishedAt, fetchedAt, language, arabic, tags, duplicateOf, similarity },
  };
}

const when = (m: AlertMessage) => (m.item.publishedAt ?? m.item.fetchedAt).replace('T', ' ').slice(0, 16) + ' UTC';

export function subject(m: AlertMessage): string {
  return `[Marsad ${m.rule}] ${m.item.title || m.item.url}`;
}

export function plainText(m: AlertMessage): string {
  return [
    m.item.title,
    '',
    `${m.item.sourceId} · ${when(m)} · ${m.item.tags.join(', ') || 'no tag'}`,
    m.item.duplicateOf ? `copy of ${m.item.duplicateOf} (similarity ${m.item.similarity})` : '',
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
export function html(m: AlertMessage): string {
  const dir = m.item.arabic ? ' dir="rtl" lang="ar"' : '';
  const href = escapeHtml(safeHref(m.item.url) ?? '#');
  return `<!doctype html><html><body>
<div${dir}>
<h2><a href="${href}">${escapeHtml(m.item.title || m.item.url)}</a></h2>
<p>${escapeHtml(m.item.sourceId)} · ${escapeHtml(when(m))} · ${escapeHtml(m.item.tags.join(', ') || 'no tag')}</p>
${m.item.duplicateOf ? `<p>copy of ${escapeHtml(m.item.duplicateOf)} (similarity ${m.item.similarity})</p>` : ''}
<ul>${m.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>
</div>
<p dir="ltr" style="color:#666">Marsad, rule “${escapeHtml(m.rule)}”</p>
</body></html>`;
}

/** Slack Block Kit. */
export function slack(m: AlertMessage): unknown {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    text: subject(m),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*<${m.item.url}|${escape(m.item.title || m.item.url)}>*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escape(`${m.item.sourceId} · ${when(m)} · ${m.item.tags.join(', ')}`) }] },
      { type: 'section', text: { type: 'mrkdwn', text: escape(m.reasons.join('\n') || `rule ${m.rule}`) } },
    ],
  };
}

/** Microsoft Teams: an Adaptive Card in a message attachment. */
export function teams(m: AlertMessage): unknown {
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
            { type: 'TextBlock', text: `${m.item.sourceId} · ${when(m)} · ${m.item.tags.join(', ')}`, isSubtle: true, wrap: true },
            { type: 'TextBlock', text: m.reasons.join('\n') || `rule ${m.rule}`, wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Open', url: m.item.url }],
        },
      },
    ],
  };
}

/** An alert, ready for any channel. */
export function alertEnvelope(m: AlertMessage): Envelope {
  return { deliveryKey: m.deliveryKey, rule: m.rule, subject: subject(m), text: plainText(m), html: html(m), bodies: { json: m, slack: slack(m), teams: teams(m) } };
}
