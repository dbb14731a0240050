import type { AlertJob, JobContext } from '@marsad/queues';

/** A rule decides whether an item is worth telling people about. Rules and channels: the alerts issue. */
export interface AlertRule {
  id: string;
  matches(item: AlertJob['item']): boolean;
}

export interface AlertItemDeps {
  rules: readonly AlertRule[];
}

export interface AlertItemResult {
  itemId: string;
  sourceId: string;
  /** Ids of the rules this item matched. */
  matched: string[];
}

/** Matches a newly stored item against the alert rules. */
export async function alertItem(job: AlertJob, deps: AlertItemDeps, ctx: JobContext): Promise<AlertItemResult> {
  const matched = deps.rules.filter((rule) => rule.matches(job.item)).map((rule) => rule.id);
  if (matched.length > 0) ctx.log.info({ matched, storyId: job.item.storyId }, 'alert rules matched');
  return { itemId: job.item.id, sourceId: job.item.sourceId, matched };
}
