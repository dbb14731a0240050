import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@marsad/config';
import { Command } from 'commander';
import { SERVICE_NAMES } from './service-names.js';
import { UsageError } from './usage-error.js';

/**
 * An error a person can act on: one clear message, no stack trace. The queues' and the store's
 * modules are loaded already whenever one of their errors is thrown.
 */
async function isExpected(err: unknown): Promise<boolean> {
  if (err instanceof ConfigError || err instanceof UsageError) return true;
  const [{ RedisUnavailableError }, { StoreBusyError, StoreFolderError, DatabaseUnavailableError }] = await Promise.all([import('@marsad/queues'), import('@marsad/store')]);
  return err instanceof RedisUnavailableError || err instanceof StoreBusyError || err instanceof StoreFolderError || err instanceof DatabaseUnavailableError;
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('marsad')
    .description('Marsad (مرصد): watch Arabic news, recognise copies of reference articles, tag Interpol and DGSN stories')
    .showHelpAfterError()
    .exitOverride();
  const withConfig = (command: Command) => command.option('-c, --config <file>', 'sources file (default: ./marsad.yml, else the bundled default)');
  // Each command's module is loaded when it runs, not before: `marsad classify` needs neither the
  // services nor Redis's and PostgreSQL's clients, and starts in a fraction of the time.
  const run =
    <A extends unknown[]>(load: () => Promise<(...args: A) => Promise<number>>) =>
    async (...args: A) =>
      setExit(await (await load())(...args));
  // A subcommand's action: its arguments, then its options merged with its parents' (--config, --json
  // belong to `jobs`, `sources`, `alerts`, wherever they are written on the line).
  const runWithParents =
    <A extends unknown[]>(load: () => Promise<(...args: [...A, options: Record<string, never>]) => Promise<number>>) =>
    async (...args: [...A, unknown, Command]) => {
      const command = args.at(-1) as Command;
      setExit(await (await load())(...(args.slice(0, -2) as A), command.optsWithGlobals()));
    };

  withConfig(program.command('start'))
    .description(`run services until SIGINT/SIGTERM (default all: ${SERVICE_NAMES.join(', ')})`)
    .argument('[services...]', 'services to run in this process')
    .action(run(async () => (await import('./commands/start.js')).startCommand));
  withConfig(program.command('run'))
    .description('fetch every source once, wait until every item has passed every stage, print a summary')
    .option('--once', 'one pass over the sources (required)')
    .option('--sources <file>', 'alias of --config')
    .option('--json', 'print the summary as JSON')
    .option('--timeout <seconds>', 'give up waiting after this long (exit 3)', '600')
    .action(run(async () => (await import('./commands/run.js')).runCommand));
  withConfig(program.command('items'))
    .description('list stored items, newest first')
    .option('--tag <tag>', 'only items with this tag')
    .option('--since <date>', 'only items published (or fetched) since this ISO 8601 date (UTC unless it gives an offset)')
    .option('--until <date>', 'only items published (or fetched) before this ISO 8601 date (UTC unless it gives an offset)')
    .option('--duplicates-of <id>', 'only copies of this reference article or item')
    .option('--story <id>', "only this story's items: its original and its copies")
    .option('--source <id>', 'only items of this source')
    .option('--language <code>', 'only items in this language (ISO 639-3, as `language` holds it)')
    .option('--search <query>', 'only items with these words, written as an alert rule\'s query (AND, OR or أو, NOT or -word, "phrases", NEAR/n)')
    .option('--limit <n>', 'at most this many items')
    .option('--text', 'include the article text')
    .option('--json', 'one JSON object per line')
    .action(run(async () => (await import('./commands/items.js')).itemsCommand));
  const alerts = withConfig(program.command('alerts'))
    .description('the alert delivery log, newest first: one row per rule, story and channel (pending, sent, failed with the reason)')
    .option('--limit <n>', 'at most this many rows')
    .option('--json', 'one JSON object per line')
    .action(run(async () => (await import('./commands/alerts.js')).alertsCommand));
  alerts
    .command('try')
    .description('the stories stored since --since (a week ago by default) that a rule, as the configuration writes it, would alert on, and why; nothing is sent')
    .argument('<rule>', "the rule's id")
    .option('--since <date>', 'look from this ISO 8601 date or time (UTC unless it gives an offset)')
    .action(runWithParents(async () => (await import('./commands/alerts.js')).alertsTryCommand));
  alerts
    .command('rules')
    .description("every alert rule: what it matches, where it goes, a digest's next and last sending, and where the running alerters apply it otherwise than the file says")
    .action(runWithParents(async () => (await import('./commands/alerts.js')).alertsRulesCommand));
  withConfig(program.command('pickups'))
    .description('who published each reference article, when (after its first sighting) and how faithfully')
    .option('--reference <id>', 'only this reference article (seed file stem)')
    .option('--json', 'one JSON object per pickup')
    .action(run(async () => (await import('./commands/pickups.js')).pickupsCommand));
  program
    .command('classify')
    .description('JSON Lines {"id","title","text","url"?} on stdin -> one JSON line per item on stdout, in order; no Redis or database')
    .option('--seeds <dir>', 'reference articles (default: ./seeds, else the bundled ones)')
    .action(run(async () => (await import('./commands/classify.js')).classifyCommand));
  const sources = withConfig(program.command('sources'))
    .description('every source with its health (state, last success, last error, items per day)')
    .option('--json', 'one JSON object per line')
    .action(run(async () => (await import('./commands/sources.js')).sourcesCommand));
  sources
    .command('check')
    .description('validate a sources file; every problem with its line')
    .argument('<file>')
    .action(run(async () => (await import('./commands/sources.js')).sourcesCheckCommand));
  sources
    .command('test')
    .description('fetch one source once and print the items it would produce (JSON lines); nothing is stored')
    .argument('<id>')
    .action(runWithParents(async () => (await import('./commands/sources.js')).sourcesTestCommand));
  sources
    .command('discover')
    .description('the feeds, WordPress API and news sitemaps a site offers, each tried once, as entries to paste into the sources file')
    .argument('<url>', "the site's address (its home page, or a feed)")
    .option('--json', 'one JSON object per source found')
    .action(run(async () => (await import('./commands/sources.js')).sourcesDiscoverCommand));
  // The queues of `marsad start`; --config and --json belong to `jobs`, wherever they are written on the line.
  const jobs = withConfig(program.command('jobs'))
    .description("the queues of marsad start: each one's jobs by state (jobs failed, jobs retry: the jobs that failed for good; jobs drain: a backlog; jobs pause, jobs resume)")
    .option('--json', 'one JSON object per line')
    .action(run(async () => (await import('./commands/jobs.js')).jobsCommand));
  jobs
    .command('failed')
    .description('jobs that failed for good, newest first: what each was about and why it failed')
    .argument('[queue]', 'one queue (fetch, classify, store, alert, digest); default all')
    .option('--limit <n>', 'at most this many per queue', '100')
    .action(runWithParents(async () => (await import('./commands/jobs.js')).jobsFailedCommand));
  jobs
    .command('retry')
    .description('send failed jobs back to their queue with their whole retry budget: the ids given, else all of the queue')
    .argument('<queue>', 'fetch, classify, store, alert or digest')
    .argument('[ids...]', 'job ids (marsad jobs failed lists them)')
    .action(runWithParents(async () => (await import('./commands/jobs.js')).jobsRetryCommand));
  jobs
    .command('drain')
    .description("remove the jobs no worker has taken yet (waiting, prioritized; --delayed: also those waiting out a backoff); active ones finish, schedules' jobs stay")
    .argument('<queue>', 'fetch, classify, store, alert or digest')
    .option('--delayed', 'also the jobs waiting out a delay or a retry\'s backoff')
    .action(runWithParents(async () => (await import('./commands/jobs.js')).jobsDrainCommand));
  for (const pause of [true, false]) {
    jobs
      .command(pause ? 'pause' : 'resume')
      .description(pause ? 'stop every worker of the queue taking its jobs (active ones finish) until it is resumed, across restarts' : 'let the workers take the jobs of a paused queue again')
      .argument('<queue>', 'fetch, classify, store, alert or digest')
      .action(
        runWithParents(async () => {
          const { jobsPauseCommand } = await import('./commands/jobs.js');
          return (queue: string, options: Record<string, never>) => jobsPauseCommand(queue, pause, options);
        }),
      );
  }
  const fixtures = program.command('fixtures').description("a source's recorded responses, for its offline contract test (fixtures record <id>)");
  withConfig(fixtures.command('record'))
    .description("fetch a source live and save its responses (<id>.fixture.json) for its offline contract test")
    .argument('<id>')
    .option('-o, --out <file>', 'where to write the recording')
    .action(run(async () => (await import('./commands/sources.js')).fixturesRecordCommand));
  program
    .command('new-adapter')
    .description('scaffold a source adapter: its file, a recorded fixture and a test, registered in the registry')
    .argument('<name>')
    .option('--root <dir>', 'the sources package to add it to (default: this checkout\'s shared/sources)')
    .action(run(async () => (await import('./commands/new-adapter.js')).newAdapterCommand));
  program
    .command('demo')
    .description('the whole pipeline on recorded feeds, offline (needs Redis; the store is in memory)')
    .action(run(async () => (await import('./commands/demo.js')).demoCommand));
  return program;
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  try {
    loadDotEnv();
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    return await reportError(err);
  }
}

/**
 * Variables from a `.env` file where marsad runs, as docker compose reads one: secrets the sources
 * file names as `${NAME}` (an SMTP password, a bot token) kept out of git. The environment wins over it.
 */
function loadDotEnv(cwd = process.cwd()): void {
  const file = join(cwd, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

async function reportError(err: unknown): Promise<number> {
  if (isCommanderExit(err)) return err.exitCode;
  if (await isExpected(err)) {
    process.stderr.write(`marsad: ${(err as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`marsad: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

function isCommanderExit(err: unknown): err is { exitCode: number } {
  return typeof err === 'object' && err !== null && 'code' in err && String((err as { code: unknown }).code).startsWith('commander.');
}
