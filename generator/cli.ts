/**
 * The CLI entry: parses arguments and dispatches to generator/commands/*. Only this layer turns errors into
 * exit codes.
 */
import { Command, CommanderError } from 'commander';
import { processIO, type CliIO, EXIT } from './commands/io.js';

export const VERSION = '0.1.0';

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('zonesmith')
    .description('Per-organization Route53 zones, scoped IAM keys in Vault, and ExternalDNS manifests for every cluster, the GitOps way.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('validate')
    .description('check orgs.yaml (no network); exit 0 when valid, 1 with every error otherwise')
    .option('-c, --config <file>', 'path to orgs.yaml', 'orgs.yaml')
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const { runValidate } = await import('./commands/validate.js');
      exitCode = await runValidate(opts, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of orgs.yaml (for editors: # yaml-language-server: $schema=...)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts) => {
      const { runSchema } = await import('./commands/schema.js');
      exitCode = await runSchema(opts, io);
    });

  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    io.stderr(`zonesmith: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.error;
  }
  return exitCode;
}
