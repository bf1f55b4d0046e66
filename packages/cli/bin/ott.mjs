#!/usr/bin/env node
// The `ott` executable: loads tsx's ESM hooks in this process, then runs src/main.ts. Running in-process
// (rather than spawning node --import tsx) keeps argv, stdio, signals and the exit code the user's own,
// with nothing to forward. tsx and main.ts are found relative to this file, so any cwd works.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
