/**
 * The CLI entry: parses arguments and dispatches to generator/commands/*. Only this layer turns errors into
 * exit codes.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { processIO, type CliIO, EXIT } from './commands/io.js';
import { jsonError } from './commands/fail.js';

/** What a command's run function takes as options; commander hands them over untyped, shaped by its .option()s. */
type OptionsOf<F extends (...args: never[]) => unknown> = Parameters<F>[0];

export const VERSION = '0.1.0';

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('zonesmith')
    .description(
      'Per-organization Route53 zones, scoped IAM keys in Vault, and ExternalDNS manifests for every cluster, the GitOps way.',
    )
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run `zonesmith --help` for the commands, `zonesmith <command> --help` for their options)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('validate')
    .description('check orgs.yaml (no network); exit 0 when valid, 1 with every error otherwise')
    .option('-c, --config <file>', 'path to orgs.yaml', 'orgs.yaml')
    .option('--json', 'print the result as JSON')
    .action(async (opts: OptionsOf<typeof import('./commands/validate.js').runValidate>) => {
      const { runValidate } = await import('./commands/validate.js');
      exitCode = await runValidate(opts, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of orgs.yaml (for editors: # yaml-language-server: $schema=...)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts: OptionsOf<typeof import('./commands/schema.js').runSchema>) => {
      const { runSchema } = await import('./commands/schema.js');
      exitCode = await runSchema(opts, io);
    });

  program
    .command('plan')
    .description(
      'observe AWS, Vault and the cluster repos (reads only) and show what apply would do; exit 0 no changes, 2 changes, 1 error',
    )
    .option('-c, --config <file>', 'path to orgs.yaml', 'orgs.yaml')
    .option('--json', 'print the plan as JSON (and logs as JSON lines)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-o, --out <file>', 'save the plan for `zonesmith apply <file>`')
    .option('--at <time>', 'plan as of another moment (ISO 8601), e.g. to preview renewals or month-end deletions')
    .option(
      '--max-deletions <n>',
      'allow tearing down up to n unused orgs in this run (overrides deletion.maxPerRun)',
      toInt,
    )
    .option(
      '--trusted-config <file>',
      "take defaults.git serverUrl, apiUrl and hosts (where tokens may go) from this reviewed orgs.yaml, e.g. the base branch's",
    )
    .option('--shard <i/n>', 'plan only the orgs of shard i of n (stable hash of the org name), e.g. one CI matrix job')
    .option(
      '--allow-mass-deletion',
      'let an orgs.yaml that drops many orgs at once delete them (see deletion.massDeletion)',
    )
    .option(
      '--deep',
      'read every org in full (each Vault secret, policy and role; IAM keys per user) instead of the observed cache: finds out-of-band edits a no-op run does not see',
    )
    .action(async (opts: OptionsOf<typeof import('./commands/plan.js').runPlan>) => {
      const { runPlan } = await import('./commands/plan.js');
      exitCode = await runPlan(opts, io);
    });

  program
    .command('apply [plan]')
    .description(
      'make AWS, Vault and the cluster repos match orgs.yaml (or apply a saved plan if unchanged since); exit 0 done, 1 error',
    )
    .option('-c, --config <file>', 'path to orgs.yaml', 'orgs.yaml')
    .option('--json', 'print the result as JSON (and logs as JSON lines)')
    .option(
      '--max-deletions <n>',
      'allow tearing down up to n unused orgs in this run (overrides deletion.maxPerRun)',
      toInt,
    )
    .option(
      '--allow-mass-deletion',
      'let an orgs.yaml that drops many orgs at once delete them (see deletion.massDeletion)',
    )
    .option('--lock-wait <seconds>', 'wait this long for another run to finish', toInt, 0)
    .option('--shard <i/n>', "apply only the orgs of shard i of n, under that shard's own lock")
    .option(
      '--lock-ttl <seconds>',
      'lease of the run lock, renewed while the run works; a killed run frees it after this long',
      toInt,
    )
    .option('--at <time>', 'rehearse as of another moment (ISO 8601), like plan --at')
    .option(
      '--deep',
      'read every org in full (each Vault secret, policy and role; IAM keys per user) instead of the observed cache: finds out-of-band edits a no-op run does not see',
    )
    .action(async (planFile: string | undefined, opts: OptionsOf<typeof import('./commands/apply.js').runApply>) => {
      const { runApply } = await import('./commands/apply.js');
      exitCode = await runApply({ ...opts, ...(planFile ? { planFile } : {}) }, io);
    });

  program
    .command('unlock <lock-id>')
    .description(
      "release the run lock held under <lock-id> (printed by a refused run), as Terraform's force-unlock; exit 0 unlocked, 1 refused",
    )
    .option('-c, --config <file>', 'path to orgs.yaml', 'orgs.yaml')
    .option('-f, --force', 'do not ask for confirmation (required without a terminal)')
    .action(
      async (lockId: string, opts: Omit<OptionsOf<typeof import('./commands/unlock.js').runUnlock>, 'lockId'>) => {
        const { runUnlock } = await import('./commands/unlock.js');
        exitCode = await runUnlock({ ...opts, lockId }, io);
      },
    );

  program
    .command('render')
    .description("render every cluster's manifests into a folder (offline; zone ids from Route53 when reachable)")
    .option('-c, --config <file>', 'path to orgs.yaml', 'orgs.yaml')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--json', 'print the list of written files as JSON')
    .action(async (opts: OptionsOf<typeof import('./commands/render.js').runRender>) => {
      const { runRender } = await import('./commands/render.js');
      const { lookupZoneIdsFromEnv } = await import('./commands/render-zone-ids.js');
      exitCode = await runRender(opts, io, { lookupZoneIds: (desired) => lookupZoneIdsFromEnv(desired, io.env) });
    });

  program
    .command('permissions')
    .description(
      'print the minimal AWS IAM policy, Vault policy and GitHub App permissions of the zonesmith runner (offline)',
    )
    .option('-c, --config <file>', 'path to orgs.yaml', 'orgs.yaml')
    .option('--format <format>', 'json | hcl | markdown', 'markdown')
    .option('--base-zone-id <id>', "the base zone's id (default: defaults.baseZoneId)")
    .option('--account-id <id>', 'the AWS account id in IAM ARNs (default *)')
    .action(async (opts: OptionsOf<typeof import('./commands/permissions.js').runPermissions>) => {
      const { runPermissions } = await import('./commands/permissions.js');
      exitCode = await runPermissions(opts, io);
    });

  program
    .command('local')
    .description(
      'start the local emulators (Route53+IAM, Vault, GitHub) and print their environment; runs until interrupted',
    )
    .option(
      '-c, --config <file>',
      'prepare base zone, repos and Vault auth mounts for this orgs.yaml',
      'examples/orgs.yaml',
    )
    .option('--port <port>', 'first port (AWS; Vault +1, GitHub +2); 0 picks free ports', toInt, 0)
    .option(
      '--lean',
      'AWS answers carry only the members the official models require (every optional one left out)',
      false,
    )
    .action(async (opts: OptionsOf<typeof import('./commands/local.js').runLocal>) => {
      const { runLocal } = await import('./commands/local.js');
      exitCode = await runLocal(opts, io);
    });

  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT.ok;
      // With --json, stdout is one JSON document even when the arguments are refused (commander printed the text).
      if (argv.includes('--json')) io.stdout(jsonError(io, 'invalid-option', e.message.replace(/^error: /, '')));
      return EXIT.error;
    }
    io.stderr(`zonesmith: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.error;
  }
  return exitCode;
}

/** Option values are checked where they are parsed; commander prints the refusal with the option's name. */
function toInt(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 0 || String(n) !== value.trim())
    throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0 (for example 0, 2 or 600).`);
  return n;
}
