#!/usr/bin/env node
// The `ott-ops` executable: loads tsx's ESM hooks in this process, then runs src/main.ts (as bin/ott.mjs does for `ott`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
