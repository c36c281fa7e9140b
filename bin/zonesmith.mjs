#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx's ESM loader (no build step to forget).
// The AWS SDK warns on every start that its releases after January 2027 need Node 22; zonesmith pins its SDK
// version and supports Node >= 20.19, so that one warning type is dropped here. Every other warning stays.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning') return;
  emitWarning(warning, ...rest);
};
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../generator/cli.ts');
process.exitCode = await main(process.argv);
