import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  type Change,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator } from '../../../generator/local/aws/index.js';
import { rejection, route53Client } from './sdk-clients.js';

let emulator: AwsEmulator;
let r53: Route53Client;
let zoneCounter = 0;

beforeAll(async () => {
  emulator = await startAwsEmulator({ rateScale: 0 });
  r53 = route53Client(emulator);
});
afterAll(async () => {
  await emulator.close();
});

async function newZone(name = `z${++zoneCounter}.example.com`): Promise<string> {
  const out = await r53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: `rec-${name}` }));
  return out.HostedZone?.Id as string;
}

function a(name: string, ...values: string[]): ResourceRecordSet {
  return { Name: name, Type: 'A', TTL: 300, ResourceRecords: values.map((Value) => ({ Value })) };
}

function change(zoneId: string, ...changes: Change[]) {
  return r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
}

async function listAll(zoneId: string): Promise<ResourceRecordSet[]> {
  return (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets ?? [];
}

describe('ChangeResourceRecordSets', () => {
  it('creates, upserts and deletes; TXT values keep their quotes', async () => {
    const zone = await newZone('rr.example.com');
    const txt: ResourceRecordSet = {
      Name: 'txt.rr.example.com',
      Type: 'TXT',
      TTL: 60,
      ResourceRecords: [{ Value: '"heritage=external-dns,external-dns/owner=c1"' }],
    };
    await change(
      zone,
      { Action: 'CREATE', ResourceRecordSet: a('www.rr.example.com', '192.0.2.1') },
      { Action: 'CREATE', ResourceRecordSet: txt },
    );
    await change(zone, { Action: 'UPSERT', ResourceRecordSet: a('www.rr.example.com', '192.0.2.2', '192.0.2.3') });
    const records = await listAll(zone);
    expect(records.find((r) => r.Type === 'TXT')?.ResourceRecords).toEqual([
      { Value: '"heritage=external-dns,external-dns/owner=c1"' },
    ]);
    expect(records.find((r) => r.Name === 'www.rr.example.com.')?.ResourceRecords).toEqual([
      { Value: '192.0.2.2' },
      { Value: '192.0.2.3' },
    ]);
    await change(zone, { Action: 'DELETE', ResourceRecordSet: txt });
    expect((await listAll(zone)).map((r) => r.Type)).toEqual(['NS', 'SOA', 'A']);
  });

  it('stores alias records and SetIdentifier/Weight as given', async () => {
    const zone = await newZone();
    const zoneName = `z${zoneCounter}.example.com`;
    await change(
      zone,
      {
        Action: 'CREATE',
        ResourceRecordSet: {
          Name: `alias.${zoneName}`,
          Type: 'A',
          AliasTarget: {
            HostedZoneId: 'Z35SXDOTRQ7X7K',
            DNSName: 'LB-1.us-east-1.elb.amazonaws.com',
            EvaluateTargetHealth: true,
          },
        },
      },
      {
        Action: 'CREATE',
        ResourceRecordSet: { ...a(`w.${zoneName}`, '192.0.2.10'), SetIdentifier: 'blue', Weight: 70 },
      },
      {
        Action: 'CREATE',
        ResourceRecordSet: { ...a(`w.${zoneName}`, '192.0.2.11'), SetIdentifier: 'green', Weight: 30 },
      },
    );
    const records = await listAll(zone);
    expect(records.find((r) => r.Name === `alias.${zoneName}.`)?.AliasTarget).toEqual({
      HostedZoneId: 'Z35SXDOTRQ7X7K',
      DNSName: 'lb-1.us-east-1.elb.amazonaws.com.',
      EvaluateTargetHealth: true,
    });
    const weighted = records.filter((r) => r.Name === `w.${zoneName}.`);
    expect(weighted.map((r) => [r.SetIdentifier, r.Weight])).toEqual([
      ['blue', 70],
      ['green', 30],
    ]);
    // DELETE must repeat the routing fields exactly.
    await change(zone, {
      Action: 'DELETE',
      ResourceRecordSet: { ...a(`w.${zoneName}`, '192.0.2.10'), SetIdentifier: 'blue', Weight: 70 },
    });
    expect((await listAll(zone)).filter((r) => r.Name === `w.${zoneName}.`).map((r) => r.SetIdentifier)).toEqual([
      'green',
    ]);
  });

  it('returns wildcard names as \\052 like Route53', async () => {
    const zone = await newZone('wild.example.com');
    await change(zone, { Action: 'CREATE', ResourceRecordSet: a('*.wild.example.com', '192.0.2.9') });
    expect((await listAll(zone)).map((r) => r.Name)).toContain('\\052.wild.example.com.');
  });

  it('rejects the whole batch with InvalidChangeBatch and Route53 messages; nothing is applied', async () => {
    const zone = await newZone('bad.example.com');
    await change(zone, { Action: 'CREATE', ResourceRecordSet: a('x.bad.example.com', '192.0.2.1') });
    const error = await rejection(
      change(
        zone,
        { Action: 'CREATE', ResourceRecordSet: a('new.bad.example.com', '192.0.2.5') },
        { Action: 'CREATE', ResourceRecordSet: a('x.bad.example.com', '192.0.2.1') },
        { Action: 'DELETE', ResourceRecordSet: a('missing.bad.example.com', '192.0.2.1') },
        { Action: 'DELETE', ResourceRecordSet: a('x.bad.example.com', '192.0.2.99') },
        { Action: 'CREATE', ResourceRecordSet: a('www.elsewhere.org', '192.0.2.1') },
      ),
    );
    expect(error.name).toBe('InvalidChangeBatch');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "[Tried to create resource record set [name='x.bad.example.com.', type='A'] but it already exists, " +
        "Tried to delete resource record set [name='missing.bad.example.com.', type='A'] but it was not found, " +
        "Tried to delete resource record set [name='x.bad.example.com.', type='A'] but the values provided do not match the current values, " +
        'RRSet with DNS name www.elsewhere.org. is not permitted in zone bad.example.com.]',
    );
    expect((await listAll(zone)).map((r) => r.Name)).not.toContain('new.bad.example.com.');
  });

  it('refuses to delete the apex SOA or NS', async () => {
    const zone = await newZone('apex.example.com');
    const [ns, soa] = await listAll(zone);
    const nsError = await rejection(change(zone, { Action: 'DELETE', ResourceRecordSet: ns }));
    expect(nsError.message).toContain('A HostedZone must contain at least one NS record for the zone itself.');
    const soaError = await rejection(change(zone, { Action: 'DELETE', ResourceRecordSet: soa }));
    expect(soaError.message).toContain('A HostedZone must contain exactly one SOA record.');
  });

  it('enforces 1,000 records per batch with UPSERT counting twice', async () => {
    const zone = await newZone('limit.example.com');
    const creates = (n: number, prefix: string): Change[] =>
      Array.from({ length: n }, (_, i) => ({
        Action: 'CREATE',
        ResourceRecordSet: a(`${prefix}${i}.limit.example.com`, '192.0.2.1'),
      }));
    await change(zone, ...creates(1000, 'ok'));
    const tooMany = await rejection(change(zone, ...creates(1001, 'big')));
    expect(tooMany.message).toBe('[Number of records limit of 1000 exceeded.]');
    const upserts: Change[] = Array.from({ length: 501 }, (_, i) => ({
      Action: 'UPSERT',
      ResourceRecordSet: a(`up${i}.limit.example.com`, '192.0.2.1'),
    }));
    expect((await rejection(change(zone, ...upserts))).name).toBe('InvalidChangeBatch');
    await change(zone, ...upserts.slice(0, 500));
  });

  it('enforces 32,000 value characters per batch', async () => {
    const zone = await newZone('chars.example.com');
    const value = `"${'x'.repeat(253)}"`; // 255 characters
    const txt = (i: number): Change => ({
      Action: 'CREATE',
      ResourceRecordSet: { Name: `t${i}.chars.example.com`, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: value }] },
    });
    await change(zone, ...Array.from({ length: 125 }, (_, i) => txt(i))); // 31,875 characters
    const error = await rejection(change(zone, ...Array.from({ length: 126 }, (_, i) => txt(i + 200)))); // 32,130
    expect(error.message).toBe('[Number of characters limit of 32000 exceeded.]');
  });

  it('answers NoSuchHostedZone and InvalidInput', async () => {
    expect(
      (
        await rejection(
          change('ZNOSUCHZONE000', { Action: 'CREATE', ResourceRecordSet: a('a.example.com', '192.0.2.1') }),
        )
      ).name,
    ).toBe('NoSuchHostedZone');
    const zone = await newZone();
    const noTtl = await rejection(
      change(zone, { Action: 'CREATE', ResourceRecordSet: { Name: `n.z${zoneCounter}.example.com`, Type: 'A' } }),
    );
    expect(noTtl.name).toBe('InvalidInput');
  });
});

describe('ListResourceRecordSets', () => {
  it('pages 700 records by 300 in Route53 order with NextRecordName/NextRecordType', async () => {
    const zone = await newZone('page.example.com');
    const names = Array.from({ length: 349 }, (_, i) => `h${String(i).padStart(3, '0')}.page.example.com`);
    await change(zone, ...names.map((n): Change => ({ Action: 'CREATE', ResourceRecordSet: a(n, '192.0.2.1') })));
    await change(
      zone,
      ...names.map((n): Change => ({
        Action: 'CREATE',
        ResourceRecordSet: { Name: n, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"o"' }] },
      })),
    );
    const seen: ResourceRecordSet[] = [];
    const pageSizes: number[] = [];
    let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet['Type'] } = {};
    for (;;) {
      const page = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, MaxItems: 300, ...start }));
      pageSizes.push(page.ResourceRecordSets?.length ?? 0);
      seen.push(...(page.ResourceRecordSets ?? []));
      if (!page.IsTruncated) break;
      start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType };
    }
    expect(pageSizes).toEqual([300, 300, 100]);
    expect(seen).toHaveLength(700);
    expect(seen.slice(0, 4).map((r) => `${r.Name} ${r.Type}`)).toEqual([
      'page.example.com. NS',
      'page.example.com. SOA',
      'h000.page.example.com. A',
      'h000.page.example.com. TXT',
    ]);
  });

  it('sorts by labels read right to left, not by the whole string', async () => {
    const zone = await newZone('order.example.com');
    await change(
      zone,
      { Action: 'CREATE', ResourceRecordSet: a('b.order.example.com', '192.0.2.1') },
      { Action: 'CREATE', ResourceRecordSet: a('a.b.order.example.com', '192.0.2.1') },
      { Action: 'CREATE', ResourceRecordSet: a('c.order.example.com', '192.0.2.1') },
    );
    expect((await listAll(zone)).slice(2).map((r) => r.Name)).toEqual([
      'b.order.example.com.',
      'a.b.order.example.com.',
      'c.order.example.com.',
    ]);
  });

  it('requires a name with a start type (InvalidInput)', async () => {
    const zone = await newZone();
    const error = await rejection(
      r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordType: 'A' })),
    );
    expect(error.name).toBe('InvalidInput');
  });
});

describe('changes', () => {
  it('GetChange reports PENDING until changePropagationMs has passed, then INSYNC', async () => {
    let t = 1_700_000_000_000;
    const slow = await startAwsEmulator({ rateScale: 0, changePropagationMs: 60_000, now: () => t });
    try {
      const client = route53Client(slow);
      const created = await client.send(
        new CreateHostedZoneCommand({ Name: 'pending.example.com', CallerReference: 'p' }),
      );
      const id = created.ChangeInfo?.Id as string;
      expect(created.ChangeInfo?.Status).toBe('PENDING');
      t += 59_999;
      expect((await client.send(new GetChangeCommand({ Id: id }))).ChangeInfo?.Status).toBe('PENDING');
      t += 1;
      const insync = await client.send(new GetChangeCommand({ Id: id }));
      expect(insync.ChangeInfo).toMatchObject({ Id: id, Status: 'INSYNC' });
      expect((await rejection(client.send(new GetChangeCommand({ Id: 'CNOSUCHCHANGE' })))).name).toBe('NoSuchChange');
    } finally {
      await slow.close();
    }
  });

  it('answers PriorRequestNotComplete while the previous change to the zone is PENDING', async () => {
    const slow = await startAwsEmulator({ rateScale: 0, changePropagationMs: 600_000 });
    try {
      const client = route53Client(slow);
      const zone = (
        await client.send(new CreateHostedZoneCommand({ Name: 'prior.example.com', CallerReference: 'prior' }))
      ).HostedZone?.Id as string;
      const send = (name: string) =>
        client.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: zone,
            ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: a(name, '192.0.2.1') }] },
          }),
        );
      const first = await send('one.prior.example.com');
      expect(first.ChangeInfo?.Status).toBe('PENDING');
      const error = await rejection(send('two.prior.example.com'));
      expect(error.name).toBe('PriorRequestNotComplete');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    } finally {
      await slow.close();
    }
  });
});
