/**
 * The provider seam: the engine reaches DNS, identity and the forge only through the plugin registry. Registering
 * the in-memory twins under the configured names runs a whole apply on them, so no adapter is
 * wired in anywhere else; and an unknown provider name is a located config error.
 */
import { describe, expect, it } from 'vitest';
import { connectPorts } from '../../generator/engine/connect.js';
import { applyRun, planRun } from '../../generator/engine/run.js';
import {
  DNS_PLUGINS,
  FORGE_NAMES,
  DNS_PROVIDER_NAMES,
  type PluginRegistry,
} from '../../generator/providers/registry.js';
import { formatIssue, parseConfigText } from '../../generator/config/load.js';
import { twinWorld, type TwinWorld } from '../apply/twin-engine.js';

/** Vault is not a plugin: connect builds its store from these, and the test swaps in the twin store. */
const env = { VAULT_ADDR: 'http://127.0.0.1:9', VAULT_TOKEN: 'unused' };

function twinRegistry(world: TwinWorld, closed: string[]): PluginRegistry {
  return {
    dns: {
      route53: {
        externalDns: (settings) => DNS_PLUGINS.route53.externalDns(settings),
        configured: () => true,
        connect: async () => ({ dns: world.dns, identity: world.identity, close: () => closed.push('dns') }),
      },
    },
    forge: {
      github: {
        connect: async () => ({ type: 'ok', forge: world.forge, close: async () => void closed.push('forge') }),
      },
    },
  };
}

describe('plugin registry (the provider seam)', () => {
  it('an apply on twins registered under the configured names creates the zone, the user and the pull request', async () => {
    const world = await twinWorld();
    const closed: string[] = [];
    const connected = await connectPorts(world.desired, env, twinRegistry(world, closed));
    if (connected.type !== 'ok') throw new Error(connected.message);
    const ports = { ...connected.ports, secrets: world.secrets, clock: world.ports.clock, certs: world.ports.certs };
    const { plan } = await planRun(world.desired, ports);
    expect(plan.changes.map((c) => c.kind)).toContain('zone.create');

    const outcome = await applyRun(world.desired, ports, { holder: 'seam-test', version: 'test', configRef: 'test' });
    expect(outcome.type).not.toBe('no-changes');
    expect((await world.dns.listZones()).map((z) => z.name)).toContain('acme.platform.example.com');
    expect((await world.identity.observe('/zonesmith/')).users.map((u) => u.userName)).toHaveLength(1);
    expect(world.forge.writes()).toBeGreaterThan(0);
    await connected.close();
    expect(closed.sort()).toEqual(['dns', 'forge']);
  });

  it('an unregistered name is refused by connect, and the config names only registered providers', async () => {
    const world = await twinWorld();
    await expect(connectPorts(world.desired, env, { dns: {}, forge: twinRegistry(world, []).forge })).rejects.toThrow(
      /no DNS provider named "route53" is registered/,
    );
    expect(DNS_PROVIDER_NAMES).toEqual(['route53']);
    expect(FORGE_NAMES).toEqual(['github']);
  });

  it('defaults.dns.provider and defaults.git.forge are validated with a located message', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  baseDomain: platform.example.com',
      '  vault: { address: https://vault.example.com }',
      '  dns:',
      '    provider: cloudflare',
      '  git:',
      '    forge: gitlab',
      'orgs: []',
      '',
    ].join('\n');
    const result = parseConfigText(text, 'orgs.yaml');
    expect(result.type).toBe('invalid');
    const messages = result.type === 'invalid' ? result.errors.map(formatIssue).join('\n') : '';
    expect(messages).toMatch(/orgs\.yaml:6:\d+: .*route53/);
    expect(messages).toMatch(/orgs\.yaml:8:\d+: .*github/);
  });
});
