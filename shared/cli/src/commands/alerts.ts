import { meantAmong, referenceIds, resolveSeedsDir } from '@marsad/config';
import { checkRedis, closeQueues, createRedis, openQueues, workersOf } from '@marsad/queues';
import { ageWhenFound, compileRule, describeRule, ruleStatuses, storiesOf, WORDINGS, type RuleStatus, type Story } from '@marsad/service-alerter';
import { openStore } from '@marsad/store';
import { readConfig } from '../runtime.js';
import { instantOption, positiveNumber, UsageError } from '../usage-error.js';

/** `marsad alerts [--json]`: the delivery log, newest first: pending, sent, or failed with the reason. */
export async function alertsCommand(options: { config?: string; json?: boolean; limit?: string }): Promise<number> {
  const config = readConfig(options.config);
  const limit = options.limit === undefined ? 1_000 : positiveNumber('--limit', options.limit);
  const store = await openStore({ databaseUrl: config.env.DATABASE_URL, dataDir: config.env.MARSAD_DATA_DIR });
  try {
    const deliveries = await store.listDeliveries(limit);
    for (const d of deliveries) {
      process.stdout.write(
        options.json
          ? `${JSON.stringify(d)}\n`
          : `${d.createdAt.slice(0, 16).replace('T', ' ')}  ${d.status.padEnd(7)} rule ${d.ruleId} -> ${d.channelId}, story ${d.storyId} (item ${d.itemId}, ${d.attempts} attempt(s))${d.lastError ? `: ${d.lastError}` : ''}\n`,
      );
    }
    if (!options.json) process.stderr.write(`${deliveries.length} deliver${deliveries.length === 1 ? 'y' : 'ies'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** How far back `marsad alerts try` looks unless --since says. */
const TRIED_OVER_MS = 7 * 86_400_000;

/**
 * `marsad alerts try RULE [--since DATE]`: the stories among those stored since DATE (a week ago by
 * default) that the rule, as the configuration writes it, would alert on, and why; nothing is sent.
 * A rule is tried on what came in before it is put to work: how often it would fire, and on what.
 */
export async function alertsTryCommand(ruleId: string, options: { config?: string; since?: string; json?: boolean }): Promise<number> {
  const config = readConfig(options.config);
  const rule = config.alerts.rules.find((r) => r.id === ruleId);
  if (!rule) throw new UsageError(`no alert rule "${ruleId}"${meantAmong(ruleId, config.alerts.rules.map((r) => r.id), 'rules')}`);
  const since = options.since === undefined ? new Date(Date.now() - TRIED_OVER_MS).toISOString() : instantOption('--since', options.since);
  const compiled = compileRule(rule, WORDINGS[config.alerts.language], new Set(referenceIds(resolveSeedsDir(config.env.MARSAD_SEEDS_DIR))), config.search.spellings);
  const store = await openStore({ databaseUrl: config.env.DATABASE_URL, dataDir: config.env.MARSAD_DATA_DIR, names: config.search.spellings });
  try {
    const items = await store.listItems({ since, limit: 100_000 });
    // As the alerter reads them: an item published long before it was found alerts no immediate rule.
    const { maxAgeMs } = compiled;
    const alertable = compiled.mode === 'immediate' && maxAgeMs !== undefined ? items.filter((item) => ageWhenFound(item) <= maxAgeMs) : items;
    const stories = storiesOf(alertable, compiled);
    for (const story of stories) process.stdout.write(options.json ? `${JSON.stringify(triedStory(story))}\n` : formatTried(story));
    process.stderr.write(`${stories.length} stor${stories.length === 1 ? 'y' : 'ies'} since ${since.slice(0, 16).replace('T', ' ')} UTC that rule "${rule.id}" (${rule.mode}) would alert on; nothing sent\n`);
    return 0;
  } finally {
    await store.close();
  }
}

const triedStory = ({ storyId, first, firstSeenAt, reasons, pickups }: Story) => ({
  storyId,
  firstSeenAt,
  itemId: first.id,
  sourceId: first.sourceId,
  title: first.title,
  url: first.url,
  reasons,
  pickups: pickups.length,
});

function formatTried(story: Story): string {
  const { firstSeenAt, sourceId, title, url, reasons, pickups } = triedStory(story);
  const indent = ' '.repeat(18);
  return `${firstSeenAt.slice(0, 16).replace('T', ' ')}  ${sourceId}  ${title}\n${indent}${url}\n${indent}${reasons.join('; ')}${pickups > 0 ? ` (${pickups} pickup(s))` : ''}\n`;
}

/**
 * `marsad alerts rules [--json]`: every rule of the file, what it matches and where it goes, a digest's
 * next and last sending, and where the running alerters apply it otherwise than the file says (they
 * read it when they start: a rule added or edited since waits for their restart). Reads Redis only.
 */
export async function alertsRulesCommand(options: { config?: string; json?: boolean }): Promise<number> {
  const config = readConfig(options.config);
  const prefix = config.env.MARSAD_QUEUE_PREFIX;
  await checkRedis(config.env.REDIS_URL);
  const redis = createRedis(config.env.REDIS_URL);
  const queues = openQueues({ connection: redis, prefix, pipeline: config.pipeline, inspectOnly: true });
  try {
    const [alerters, { rules, takenOut }] = await Promise.all([workersOf(queues.alert), ruleStatuses(redis, prefix, queues.digest, config.alerts.rules)]);
    // Said first, on stderr (JSON lines stay JSON).
    if (alerters === 0) process.stderr.write('marsad: No alerter is running: no alert or digest is sent (marsad start alerter, or marsad start).\n');
    for (const id of takenOut) process.stderr.write(`marsad: rule "${id}" is no longer in the file, but the running alerters still apply it (restart them to apply the file)\n`);
    for (const status of rules) {
      const { rule, ...put } = status;
      process.stdout.write(options.json ? `${JSON.stringify({ ...rule, ...put })}\n` : formatRule(status));
    }
    if (!options.json) process.stderr.write(`${config.alerts.rules.length} rule(s)\n`);
    return 0;
  } finally {
    await closeQueues(queues);
    redis.disconnect();
  }
}

function formatRule(status: RuleStatus): string {
  const { sends, matches } = describeRule(status);
  return `${status.rule.id.padEnd(20)} ${sends}: ${matches} -> ${status.rule.channels.join(', ')}${status.note ? `; ${status.note}` : ''}\n`;
}
