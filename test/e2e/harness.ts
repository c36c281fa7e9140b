/**
 * End-to-end harness: the local stack (real HTTP emulators, real git), a config file in a temp dir, and the CLI run
 * in-process with captured output. Nothing is mocked below the CLI: zonesmith uses the real SDK clients, node-vault,
 * Octokit and git over HTTP.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../generator/cli.js';
import type { CliIO } from '../../generator/commands/io.js';
import { deriveDesired } from '../../generator/desired/derive.js';
import { ConfigSchema } from '../../generator/model/config.js';
import { parse } from 'yaml';
import { prepareForConfig, startLocalStack, type LocalStack } from '../../generator/local/stack.js';

export interface Harness {
  readonly stack: LocalStack;
  readonly dir: string;
  readonly configPath: string;
  writeConfig(yaml: string): Promise<void>;
  run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Writes across all three emulators since the last reset. */
  writes(): { aws: number; vault: number; github: number };
  resetStats(): void;
  close(): Promise<void>;
}

export async function startHarness(configYaml: string, options: { rateScale?: number } = {}): Promise<Harness> {
  const stack = await startLocalStack({ rateScale: options.rateScale ?? 0 });
  const dir = await mkdtemp(join(tmpdir(), 'zonesmith-e2e-'));
  const configPath = join(dir, 'orgs.yaml');
  const h: Harness = {
    stack,
    dir,
    configPath,
    async writeConfig(yaml) {
      await writeFile(configPath, yaml);
      await prepareForConfig(stack, deriveDesired(ConfigSchema.parse(parse(yaml)), stack.env));
    },
    async run(...args) {
      let stdout = '';
      let stderr = '';
      const io: CliIO = {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        env: { ...stack.env, HOME: dir, GIT_TERMINAL_PROMPT: '0', PATH: process.env.PATH },
        cwd: dir,
        isTTY: false,
      };
      const code = await main(['node', 'zonesmith', ...args], io);
      return { code, stdout, stderr };
    },
    writes: () => ({
      aws: stack.aws.stats().writes,
      vault: stack.vault.stats().writes,
      github: stack.github.stats().writes,
    }),
    resetStats() {
      stack.aws.resetStats();
      stack.vault.resetStats();
      stack.github.resetStats();
    },
    async close() {
      await stack.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await h.writeConfig(configYaml);
  return h;
}

export const BASE_CONFIG = `version: 1
defaults:
  baseDomain: platform.example.com
  vault:
    address: https://vault.platform.example.com
orgs:
  - name: acme
    clusters:
      - name: prod
        cloud: aws
        repo: acme/gitops
        sync: flux
      - name: edge
        cloud: byoc
        repo: acme/gitops
        secrets: { mechanism: bank-vaults }
    certificates:
      - name: web
        hosts: ["*.acme.platform.example.com", acme.platform.example.com]
  - name: globex
    clusters:
      - name: main
        cloud: gcp
        repo: globex/clusters
        sync: argocd
`;
