/**
 * `npm run demo`: the whole job locally, no credentials. Starts the emulators, prepares them as a platform team
 * would have (base zone, one repository per cluster, Vault Kubernetes auth), runs `plan` and `apply` on
 * examples/orgs.yaml through the real CLI, prints what exists now, shows that a second run does nothing, and
 * plans the removal of an org. `--keep` leaves the emulators running with their environment printed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import { parseDocument } from 'yaml';
import { main } from './cli.js';
import type { CliIO } from './commands/io.js';
import { loadDesired } from './commands/load-desired.js';
import { exportLines, prepareForConfig, startLocalStack, type LocalStack } from './local/stack.js';
import { createAwsClients, createIamIdentity, createRoute53Dns } from './adapters/aws/index.js';
import { createVaultSecretStore } from './adapters/vault/index.js';
import type { DesiredState } from './model/desired.js';
import { IAM_PATH } from './model/desired.js';

const bold = (t: string) => (process.stdout.isTTY ? `\x1b[1m${t}\x1b[0m` : t);

async function demo(argv: string[]): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'; // the SDK is pinned; see bin/zonesmith.mjs
  const keep = argv.includes('--keep');
  const configPath = resolve(argv.find((a) => a.endsWith('.yaml')) ?? 'examples/orgs.yaml');
  const workDir = resolve('.zonesmith/demo');
  await mkdir(workDir, { recursive: true });

  const stack = await startLocalStack();
  const io = demoIO(stack);
  const loaded = await loadDesired(configPath, io);
  if (!loaded) return 1;
  const { desired } = loaded;
  const { baseZoneId } = await prepareForConfig(stack, desired);
  section(`Local emulators for ${configPath}`);
  say(`Route53+IAM ${stack.aws.url}  Vault ${stack.vault.url}  GitHub ${stack.github.apiUrl}`);
  say(
    `base zone ${desired.baseDomain} (${baseZoneId}), ${new Set(desired.orgs.flatMap((o) => o.clusters.map((c) => c.repo.slug))).size} cluster repositories, Vault Kubernetes auth per cluster`,
  );

  section('1. zonesmith plan (exit code 2 = changes)');
  const plan = await run(io, ['plan', '--config', configPath, '--out', join(workDir, 'plan.json')]);
  await run(io, ['plan', '--config', configPath, '--format', 'markdown'], join(workDir, 'plan.md'));
  say(
    `plan exit code ${plan}; saved ${join(workDir, 'plan.json')} and the PR-comment markdown ${join(workDir, 'plan.md')}`,
  );

  section('2. zonesmith apply plan.json');
  const applied = await run(io, ['apply', join(workDir, 'plan.json'), '--config', configPath]);
  say(`apply exit code ${applied}`);

  section('3. What exists now');
  await showInventory(stack, desired);

  section('4. A second run with nothing changed');
  stack.aws.resetStats();
  stack.vault.resetStats();
  stack.github.resetStats();
  const second = await run(io, ['apply', '--config', configPath]);
  say(
    `apply exit code ${second}; writes since: AWS ${stack.aws.stats().writes}, Vault ${stack.vault.stats().writes}, GitHub ${stack.github.stats().writes}`,
  );

  const removedOrg = desired.orgs[desired.orgs.length - 1]?.name;
  if (removedOrg) {
    section(`5. Removing org "${removedOrg}" from orgs.yaml (plan only)`);
    const doc = parseDocument(await readFile(configPath, 'utf8'));
    const orgs = doc.get('orgs') as { items: { get(k: string): unknown }[] };
    orgs.items = orgs.items.filter((o) => o.get('name') !== removedOrg);
    const without = join(workDir, 'orgs-without-org.yaml');
    await writeFile(without, doc.toString());
    await run(io, ['plan', '--config', without]);
    say('Its zone is younger than 12 hours, so deleting it now is free: the plan tears it down at once.');
    say('An older zone would be kept until the last run before the month ends (it is paid for the month).');
  }

  if (keep) {
    section('Emulators keep running (Ctrl-C to stop). In another shell:');
    process.stdout.write(`${exportLines(stack.env)}\n`);
    say(`npx zonesmith plan --config ${configPath}`);
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
  }
  await stack.close();
  return applied === 0 && second === 0 ? 0 : 1;
}

function demoIO(stack: LocalStack): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: { ...process.env, ...stack.env, CI: 'false' },
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

async function run(io: CliIO, args: string[], captureTo?: string): Promise<number> {
  say(
    `$ zonesmith ${args.map((a) => a.replace(`${process.cwd()}/`, '')).join(' ')}${captureTo ? ` > ${captureTo.replace(`${process.cwd()}/`, '')}` : ''}`,
  );
  if (!captureTo) return main(['node', 'zonesmith', ...args], io);
  let out = '';
  const code = await main(['node', 'zonesmith', ...args], {
    ...io,
    stdout: (t) => {
      out += t;
    },
  });
  await writeFile(captureTo, out);
  return code;
}

async function showInventory(stack: LocalStack, desired: DesiredState): Promise<void> {
  const aws = createAwsClients({ env: stack.env });
  const dns = createRoute53Dns(aws.route53);
  const iam = createIamIdentity(aws.iam);
  const vault = createVaultSecretStore({
    endpoint: stack.vault.url,
    token: stack.vault.rootToken,
    kvMount: desired.vault.mount,
  });
  const github = async <T>(path: string): Promise<T | null> => {
    const res = await fetch(`${stack.github.apiUrl}${path}`, {
      headers: { authorization: `token ${stack.github.token}` },
    });
    return res.ok ? ((await res.json()) as T) : null;
  };
  for (const org of desired.orgs) {
    const zone = (await dns.listZones()).find((z) => z.name === org.zoneName);
    say(bold(`org ${org.name}`));
    if (zone)
      say(`  zone        ${zone.name} (${zone.id}) name servers ${(await dns.getNameServers(zone.id)).join(', ')}`);
    const inv = await iam.observe(IAM_PATH);
    const user = inv.users.find((u) => u.userName === org.iam.userName);
    if (user)
      say(
        `  IAM user    ${user.arn} with ${user.attachedPolicyArns.join(', ')}; ${user.accessKeys.length} access key(s), secret only in Vault`,
      );
    for (const path of await vault.listTree(org.vault.basePath)) {
      const meta = await vault.describe(path);
      const extra = secretNote(meta?.customMetadata ?? {});
      say(`  Vault       ${desired.vault.mount}/data/${path}${extra}`);
    }
    for (const c of org.clusters) {
      const prs = await github<{ number: number; title: string }[]>(
        `/repos/${c.repo.slug}/pulls?state=open&head=${c.repo.owner}:${encodeURIComponent(c.branch)}`,
      );
      for (const pr of prs ?? []) {
        say(
          `  PR          ${c.repo.slug}#${pr.number} "${pr.title}" (${c.branch} → ${c.baseBranch}), files in ${c.folder}/`,
        );
      }
    }
  }
  aws.route53.destroy();
  aws.iam.destroy();
}

/** What a Vault secret holds, from its metadata: a certificate's expiry or an access key's fingerprint. */
function secretNote(meta: Readonly<Record<string, string | undefined>>): string {
  if (meta.notAfter) return ` (certificate valid until ${meta.notAfter})`;
  if (meta.accessKeyFingerprint) return ` (access key ${meta.accessKeyFingerprint})`;
  return '';
}

function section(title: string): void {
  process.stdout.write(`\n${bold(`── ${title}`)}\n`);
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

process.exitCode = await demo(process.argv.slice(2));
