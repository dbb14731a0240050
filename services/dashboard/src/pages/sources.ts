import type { FailedJob } from '@marsad/queues';
import { safeHref } from '@marsad/service-alerter';
import { pollsStopped, type Fetching, type SourceHealth, type SourceState } from '@marsad/service-fetcher';
import { utcTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { layout } from './layout.js';

export type SourceRow = SourceHealth & Pick<SourceState, 'scheduledEvery' | 'nextPollAt' | 'scheduleNote'> & { name: string; adapter: string; url: string; enabled: boolean; errors: Record<string, number> };

export type FailedFetch = Pick<FailedJob, 'jobId' | 'reason' | 'attempts' | 'failedAt'>;

const STATE_LABEL: Record<SourceHealth['state'], string> = { 'never-fetched': 'never fetched', ok: 'ok', 'backing-off': 'backing off', failing: 'failing', overdue: 'overdue' };
const errorSummary = (errors: Record<string, number>) => Object.entries(errors).map(([kind, n]) => `${kind} ${n}`).join(', ') || '—';

/** Failed jobs in the queue board, for operators with credentials. */
export const failedJobsLink = (fetchQueue: string) => `/admin/queues/queue/${encodeURIComponent(fetchQueue)}?status=failed`;

/** A source's last error and, under it, the last warning of a poll that succeeded with problems. */
function lastProblem(s: SourceRow): SafeHtml | string {
  const error = s.lastError ? html`<span class="error-kind">${s.lastErrorKind ?? 'error'}</span>: ${s.lastError}` : undefined;
  const warning = s.lastWarning ? html`<small class="warning"><span class="error-kind">warning</span> ${utcTime(s.lastWarningAt)}: ${s.lastWarning}</small>` : undefined;
  if (error && warning) return html`${error}<br>${warning}`;
  return error ?? warning ?? '—';
}

/** What stops every poll at once, above the table: each source would read overdue only an interval later. */
function fetchingStopped(fetching: Fetching | undefined): SafeHtml | string {
  const stopped = fetching && pollsStopped(fetching);
  return stopped ? html`<p class="error" role="alert">${stopped}</p>` : '';
}

/** Every source's health, for operators (in English, as the logs and the queue board are). */
export function sourcesPage(sources: readonly SourceRow[], fetching?: Fetching): SafeHtml {
  return layout(
    { title: 'Sources', lang: 'en', dir: 'ltr', current: 'sources' },
    html`<h1>Sources</h1>
${fetchingStopped(fetching)}
<table class="sources">
<thead><tr><th>Source</th><th>State</th><th>Last success</th><th>Last error or warning</th><th>Items per day</th><th>Errors (all time)</th><th>Next poll</th><th></th></tr></thead>
<tbody>${sources.map((s) => html`<tr data-source="${s.sourceId}" class="state-${s.state}">
<td><strong>${s.name}</strong><br><small>${s.adapter} · ${s.enabled ? 'enabled' : 'disabled'}</small></td>
<td><span class="badge ${s.state}">${STATE_LABEL[s.state]}</span>${s.state === 'overdue' ? html`<br><small title="the fetcher is down, the fetch queue paused or backed up, or the source's next poll lost (set again within five minutes while a fetcher runs)">poll due ${utcTime(s.pollDueAt)}</small>` : ''}${s.consecutiveFailures ? html`<br><small>${s.consecutiveFailures} failure${s.consecutiveFailures === 1 ? '' : 's'} in a row</small>` : ''}${s.scheduleNote ? html`<br><small class="schedule-note">${s.scheduleNote}</small>` : ''}</td>
<td>${utcTime(s.lastSuccessAt)}</td>
<td>${lastProblem(s)}</td>
<td class="number">${s.itemsPerDay.toFixed(1)}</td>
<td>${errorSummary(s.errors)}</td>
<td>${utcTime(s.nextAttemptAt ?? s.nextPollAt)}</td>
<td><a href="/sources/${encodeURIComponent(s.sourceId)}">failed jobs</a></td>
</tr>`)}</tbody>
</table>`,
  );
}

/** One source's failed fetch jobs, with their reasons. */
export function sourceFailuresPage(source: SourceRow, failed: readonly FailedFetch[], fetchQueue: string): SafeHtml {
  return layout(
    { title: `${source.name}: failed jobs`, lang: 'en', dir: 'ltr', current: 'sources' },
    html`<h1>${source.name}: failed fetch jobs</h1>
<p><span class="badge ${source.state}">${STATE_LABEL[source.state]}</span> · <a href="${safeHref(source.url) ?? '#'}" rel="noopener noreferrer nofollow">${source.url}</a> · <a href="${failedJobsLink(fetchQueue)}">retry in the queue board</a> · <a href="/sources">all sources</a></p>
${failed.length === 0
    ? html`<p class="empty">No failed fetch job of this source is kept.</p>`
    : html`<table class="failed"><thead><tr><th>Job</th><th>Failed at</th><th>Attempts</th><th>Reason</th></tr></thead>
<tbody>${failed.map((f) => html`<tr><td><code>${f.jobId}</code></td><td>${utcTime(f.failedAt)}</td><td class="number">${f.attempts}</td><td>${f.reason}</td></tr>`)}</tbody></table>`}`,
  );
}
