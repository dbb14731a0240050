#!/usr/bin/env node
import { main } from '../dist/main.js';

// `marsad items --json | head`: the reader has what it wanted; stop quietly, as Unix tools do.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.exitCode = await main(process.argv);
// Every command has closed what it opened by now, unless a start-up failed half-way (a service started
// before another could not): leave all the same rather than hang on its connections — once what was
// written has gone out (a pipe to a slow reader is written asynchronously on some systems).
process.stdout.write('', () => setTimeout(() => process.exit(), 2_000).unref());
