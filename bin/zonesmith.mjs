#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx's ESM loader (no build step to forget).
// zonesmith pins its AWS SDK and supports Node >= 20.19; the SDK's notice that its releases after January 2027
// need Node 22 is switched off with the SDK's own setting (unless the user set it).
import process from 'node:process';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../generator/cli.ts');
process.exitCode = await main(process.argv);
