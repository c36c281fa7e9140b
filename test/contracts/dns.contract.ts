/**
 * The DnsProvider contract: what every implementation (the in-memory twin, the Route53 adapter against the AWS
 * emulator) must do. Each test gets a fresh subject from `makeProvider` and closes it afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DnsProvider, RecordChange, RecordSet } from '../../generator/ports/dns.js';
import { isPortError, type PortErrorCode } from '../../generator/ports/errors.js';

export interface DnsContractSubject {
  readonly provider: DnsProvider;
  close(): Promise<void>;
}

export async function expectPortError(
  promise: Promise<unknown>,
  code: PortErrorCode,
  remoteCode?: string,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPortError(error), `expected a PortError '${code}', got ${String(error)}`).toBe(true);
  if (!isPortError(error)) return;
  expect(error.code).toBe(code);
  if (remoteCode !== undefined) expect(error.remoteCode).toBe(remoteCode);
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

function txt(name: string, text: string): RecordSet {
  return { name, type: 'TXT', ttl: 300, values: [`"${text}"`] };
}

function byNameType(records: readonly RecordSet[]): string[] {
  return records.map((r) => `${r.name} ${r.type}`);
}

export function describeDnsContract(name: string, makeProvider: () => Promise<DnsContractSubject>): void {
  describe(`DnsProvider contract: ${name}`, () => {
    let subject: DnsContractSubject;
    let dns: DnsProvider;

    beforeEach(async () => {
      subject = await makeProvider();
      dns = subject.provider;
    });
    afterEach(async () => {
      await subject.close();
    });

    async function newZone(label = unique('org')) {
      const zoneName = `${label}.example.com`;
      const created = await dns.createZone({
        name: zoneName,
        callerReference: unique('ref-'),
        comment: `zonesmith:${label}`,
      });
      return { zoneName, created };
    }

    it('creates a zone and reports it normalized in listZones, with its name servers', async () => {
      const callerReference = unique('ref-');
      const created = await dns.createZone({ name: 'Acme.Example.COM.', callerReference, comment: 'zonesmith:acme' });
      expect(created.zone.name).toBe('acme.example.com');
      expect(created.zone.id).not.toMatch(/hostedzone/);
      expect(created.zone.callerReference).toBe(callerReference);
      expect(created.zone.privateZone).toBe(false);
      expect(created.nameServers.length).toBeGreaterThan(0);
      for (const ns of created.nameServers) expect(ns).not.toMatch(/\.$/);

      const listed = (await dns.listZones()).find((z) => z.id === created.zone.id);
      expect(listed).toMatchObject({
        name: 'acme.example.com',
        callerReference,
        comment: 'zonesmith:acme',
        privateZone: false,
        recordCount: 2,
      });
      expect(await dns.getNameServers(created.zone.id)).toEqual(created.nameServers);
    });

    it('refuses a reused CallerReference with already-exists', async () => {
      const callerReference = unique('ref-');
      await dns.createZone({ name: 'one.example.com', callerReference, comment: 'c' });
      await expectPortError(
        dns.createZone({ name: 'two.example.com', callerReference, comment: 'c' }),
        'already-exists',
        'HostedZoneAlreadyExists',
      );
      expect((await dns.listZones()).filter((z) => z.callerReference === callerReference)).toHaveLength(1);
    });

    it('starts a zone with exactly its apex SOA and NS', async () => {
      const { zoneName, created } = await newZone();
      const records = await dns.listRecords(created.zone.id);
      expect(byNameType(records).sort()).toEqual([`${zoneName} NS`, `${zoneName} SOA`]);
      const ns = records.find((r) => r.type === 'NS');
      expect(ns?.values.map((v) => v.replace(/\.$/, ''))).toEqual(created.nameServers);
    });

    it('creates, upserts and deletes records; names come back normalized, TXT values keep their quotes', async () => {
      const { zoneName, created } = await newZone();
      const id = created.zone.id;
      const a: RecordSet = { name: `www.${zoneName}`, type: 'A', ttl: 60, values: ['192.0.2.1', '192.0.2.2'] };
      const wildcard: RecordSet = { name: `*.apps.${zoneName}`, type: 'CNAME', ttl: 300, values: [`lb.${zoneName}`] };
      const owner = txt(`a-www.${zoneName}`, 'heritage=external-dns,external-dns/owner=c1');
      await dns.changeRecords(id, [
        { action: 'CREATE', record: a },
        { action: 'CREATE', record: { ...wildcard, name: `*.APPS.${zoneName}.` } },
        { action: 'CREATE', record: owner },
      ]);
      let records = await dns.listRecords(id);
      expect(records.find((r) => r.name === a.name && r.type === 'A')).toMatchObject({ ttl: 60, values: a.values });
      expect(records.find((r) => r.type === 'CNAME')).toMatchObject({
        name: `*.apps.${zoneName}`,
        values: wildcard.values,
      });
      expect(records.find((r) => r.type === 'TXT')?.values).toEqual(owner.values);

      await dns.changeRecords(id, [{ action: 'UPSERT', record: { ...a, values: ['192.0.2.9'] } }], {
        comment: 'upsert',
        wait: true,
      });
      records = await dns.listRecords(id);
      expect(records.filter((r) => r.type === 'A')).toEqual([
        { name: a.name, type: 'A', ttl: 60, values: ['192.0.2.9'] },
      ]);

      await dns.changeRecords(id, [
        { action: 'DELETE', record: { ...a, values: ['192.0.2.9'] } },
        { action: 'DELETE', record: wildcard },
        { action: 'DELETE', record: owner },
      ]);
      expect(byNameType(await dns.listRecords(id)).sort()).toEqual([`${zoneName} NS`, `${zoneName} SOA`]);
    });

    it('rejects an invalid batch with invalid-input and applies none of it', async () => {
      const { zoneName, created } = await newZone();
      const record = txt(`t.${zoneName}`, 'x');
      await dns.changeRecords(created.zone.id, [{ action: 'CREATE', record }]);
      await expectPortError(
        dns.changeRecords(created.zone.id, [
          { action: 'CREATE', record: txt(`u.${zoneName}`, 'y') },
          { action: 'CREATE', record },
        ]),
        'invalid-input',
        'InvalidChangeBatch',
      );
      await expectPortError(
        dns.changeRecords(created.zone.id, [{ action: 'DELETE', record: txt(`t.${zoneName}`, 'other') }]),
        'invalid-input',
        'InvalidChangeBatch',
      );
      expect(byNameType(await dns.listRecords(created.zone.id)).filter((n) => n.includes('TXT'))).toEqual([
        `t.${zoneName} TXT`,
      ]);
    });

    it('refuses to delete a zone with records (conflict), then deletes it once only SOA and NS remain', async () => {
      const { zoneName, created } = await newZone();
      const record = txt(`left.${zoneName}`, 'x');
      await dns.changeRecords(created.zone.id, [{ action: 'CREATE', record }]);
      await expectPortError(dns.deleteZone(created.zone.id), 'conflict', 'HostedZoneNotEmpty');
      await dns.changeRecords(created.zone.id, [{ action: 'DELETE', record }]);
      await dns.deleteZone(created.zone.id);
      expect((await dns.listZones()).map((z) => z.id)).not.toContain(created.zone.id);
      await expectPortError(dns.getNameServers(created.zone.id), 'not-found', 'NoSuchHostedZone');
    });

    it('reports unknown zones as not-found', async () => {
      await expectPortError(dns.listRecords('Z0000000000000NOSUCH'), 'not-found', 'NoSuchHostedZone');
      await expectPortError(dns.deleteZone('Z0000000000000NOSUCH'), 'not-found', 'NoSuchHostedZone');
    });

    it('executes more changes than one Route53 batch holds, in order, and lists every page', async () => {
      const { zoneName, created } = await newZone();
      const changes: RecordChange[] = Array.from({ length: 1100 }, (_, i) => ({
        action: 'CREATE',
        record: txt(`r${String(i).padStart(4, '0')}.${zoneName}`, `v${i}`),
      }));
      // The last change deletes what an earlier one created: only correct if order is kept across batches.
      changes.push({ action: 'DELETE', record: txt(`r0000.${zoneName}`, 'v0') });
      await dns.changeRecords(created.zone.id, changes);
      const records = await dns.listRecords(created.zone.id);
      expect(records).toHaveLength(1100 - 1 + 2);
      expect(records.some((r) => r.name === `r0000.${zoneName}`)).toBe(false);
      expect(new Set(byNameType(records)).size).toBe(records.length);
    });

    it('lists records from a starting name in Route53 order (labels reversed, then type)', async () => {
      const { zoneName, created } = await newZone();
      await dns.changeRecords(created.zone.id, [
        { action: 'CREATE', record: txt(`b.${zoneName}`, 'b') },
        { action: 'CREATE', record: txt(`a.${zoneName}`, 'a') },
        { action: 'CREATE', record: { name: `c.${zoneName}`, type: 'A', ttl: 60, values: ['192.0.2.3'] } },
      ]);
      const all = byNameType(await dns.listRecords(created.zone.id));
      expect(all).toEqual([
        `${zoneName} NS`,
        `${zoneName} SOA`,
        `a.${zoneName} TXT`,
        `b.${zoneName} TXT`,
        `c.${zoneName} A`,
      ]);
      expect(byNameType(await dns.listRecords(created.zone.id, { name: `b.${zoneName}` }))).toEqual([
        `b.${zoneName} TXT`,
        `c.${zoneName} A`,
      ]);
    });

    it('tags zones and lists tags for more zones than one ListTagsForResources call takes', async () => {
      const zones = [];
      for (let i = 0; i < 11; i += 1) zones.push((await newZone()).created.zone.id);
      for (const [i, id] of zones.entries()) await dns.tagZone(id, { 'zonesmith:org': `org${i}`, owner: 'zonesmith' });
      const tags = await dns.listZoneTags(zones);
      expect(Object.keys(tags).sort()).toEqual([...zones].sort());
      for (const [i, id] of zones.entries())
        expect(tags[id]).toEqual({ 'zonesmith:org': `org${i}`, owner: 'zonesmith' });
    });
  });
}
