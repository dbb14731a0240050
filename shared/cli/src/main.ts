import { ConfigError } from '@marsad/config';
import { RedisUnavailableError } from '@marsad/queues';
import { StoreBusyError } from '@marsad/store';
import { Command } from 'commander';
import { alertsCommand } from './commands/alerts.js';
import { classifyCommand } from './commands/classify.js';
import { demoCommand } from './commands/demo.js';
import { itemsCommand } from './commands/items.js';
import { newAdapterCommand } from './commands/new-adapter.js';
import { pickupsCommand } from './commands/pickups.js';
import { runCommand } from './commands/run.js';
import { fixturesRecordCommand, sourcesCheckCommand, sourcesCommand, sourcesTestCommand } from './commands/sources.js';
import { startCommand } from './commands/start.js';
import { SERVICE_NAMES, UsageError } from './services.js';

/** Errors a person can act on: one clear message, no stack trace. */
const EXPECTED_ERRORS = [ConfigError, RedisUnavailableError, StoreBusyError, UsageError];

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('marsad')
    .description('Marsad (مرصد): watch Arabic news, recognise copies of reference articles, tag Interpol and DGSN stories')
    .showHelpAfterError()
    .exitOverride();
  const withConfig = (command: Command) => command.option('-c, --config <file>', 'sources file (default: ./marsad.yml, else the bundled default)');
  const run = <A extends unknown[]>(fn: (...args: A) => Promise<number>) => async (...args: A) => setExit(await fn(...args));

  withConfig(program.command('start'))
    .description(`run services until SIGINT/SIGTERM (default all: ${SERVICE_NAMES.join(', ')})`)
    .argument('[services...]', 'services to run in this process')
    .action(run((services: string[], options: { config?: string }) => startCommand(services, options)));
  withConfig(program.command('run'))
    .description('fetch every source once, wait until every item has passed every stage, print a summary')
    .option('--once', 'one pass over the sources (required)')
    .option('--sources <file>', 'alias of --config')
    .option('--json', 'print the summary as JSON')
    .option('--timeout <seconds>', 'give up waiting after this long (exit 3)', '600')
    .action(run(runCommand));
  withConfig(program.command('items'))
    .description('list stored items, newest first')
    .option('--tag <tag>', 'only items with this tag')
    .option('--since <date>', 'only items published (or fetched) since this ISO 8601 date')
    .option('--duplicates-of <id>', 'only copies of this reference article or item')
    .option('--source <id>', 'only items of this source')
    .option('--limit <n>', 'at most this many items')
    .option('--text', 'include the article text')
    .option('--json', 'one JSON object per line')
    .action(run(itemsCommand));
  withConfig(program.command('alerts'))
    .description('the alert delivery log, newest first: one row per rule, story and channel (pending, sent, failed with the reason)')
    .option('--limit <n>', 'at most this many rows')
    .option('--json', 'one JSON object per line')
    .action(run(alertsCommand));
  withConfig(program.command('pickups'))
    .description('who published each reference article, when (after its first sighting) and how faithfully')
    .option('--reference <id>', 'only this reference article (seed file stem)')
    .option('--json', 'one JSON object per pickup')
    .action(run(pickupsCommand));
  program
    .command('classify')
    .description('JSON Lines {"id","title","text","url"?} on stdin -> one JSON line per item on stdout, in order; no Redis or database')
    .option('--seeds <dir>', 'reference articles (default: ./seeds, else the bundled ones)')
    .action(run(classifyCommand));
  const sources = withConfig(program.command('sources'))
    .description('every source with its health (state, last success, last error, items per day)')
    .option('--json', 'one JSON object per line')
    .action(run(sourcesCommand));
  sources
    .command('check')
    .description('validate a sources file; every problem with its line')
    .argument('<file>')
    .action(run(sourcesCheckCommand));
  sources
    .command('test')
    .description('fetch one source once and print the items it would produce (JSON lines); nothing is stored')
    .argument('<id>')
    // --config belongs to `sources`, wherever it is written on the line
    .action(run((id: string, _options: unknown, command: Command) => sourcesTestCommand(id, command.optsWithGlobals())));
  withConfig(program.command('fixtures').command('record'))
    .description("fetch a source live and save its responses (<id>.fixture.json) for its offline contract test")
    .argument('<id>')
    .option('-o, --out <file>', 'where to write the recording')
    .action(run(fixturesRecordCommand));
  program
    .command('new-adapter')
    .description('scaffold a source adapter: its file, a recorded fixture and a test, registered in the registry')
    .argument('<name>')
    .option('--root <dir>', 'the sources package to add it to (default: this checkout\'s shared/sources)')
    .action(run(newAdapterCommand));
  program
    .command('demo')
    .description('the whole pipeline on recorded feeds, offline (needs Redis; the store is in memory)')
    .action(run(demoCommand));
  return program;
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (isCommanderExit(err)) return err.exitCode;
  if (EXPECTED_ERRORS.some((type) => err instanceof type)) {
    process.stderr.write(`marsad: ${(err as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`marsad: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

function isCommanderExit(err: unknown): err is { exitCode: number } {
  return typeof err === 'object' && err !== null && 'code' in err && String((err as { code: unknown }).code).startsWith('commander.');
}
