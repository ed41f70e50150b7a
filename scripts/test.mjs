#!/usr/bin/env node
// `npm test`: builds the console when its sources changed (browser tests need it), then runs every test.
import { spawnSync } from 'node:child_process';
import { ensureConsoleBuilt } from './console-build.mjs';

ensureConsoleBuilt();
const args = ['vitest', 'run', ...process.argv.slice(2)];
const r = spawnSync('npx', args, { stdio: 'inherit', env: process.env });
process.exit(r.status ?? 1);
