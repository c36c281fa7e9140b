#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx's ESM loader (no build step to forget).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../generator/cli.ts');
process.exitCode = await main(process.argv);
