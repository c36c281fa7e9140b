import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  UpdateHostedZoneCommentCommand,
  type HostedZone,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEmulator, type AwsEmulator } from '../../../generator/local/aws/index.js';
import { rejection, route53Client } from './sdk-clients.js';

let emulator: AwsEmulator;
beforeAll(async () => {
  emulator = await startAwsEmulator({ rateScale: 0 });
});
afterAll(async () => {
  await emulator.close();
});

describe('CreateHostedZone', () => {
  it('creates the apex SOA and NS, a delegation set of 4 name servers, a change and a Location', async () => {
    const r53 = route53Client(emulator);
    const out = await r53.send(
      new CreateHostedZoneCommand({
        Name: 'Create.Example.com',
        CallerReference: 'create-1',
        HostedZoneConfig: { Comment: 'owner=zonesmith' },
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.HostedZone?.Id).toMatch(/^\/hostedzone\/Z[0-9A-Z]+$/);
    expect(out.HostedZone).toMatchObject({
      Name: 'create.example.com.',
      CallerReference: 'create-1',
      ResourceRecordSetCount: 2,
    });
    expect(out.HostedZone?.Config).toEqual({ Comment: 'owner=zonesmith', PrivateZone: false });
    expect(out.DelegationSet?.NameServers).toHaveLength(4);
    expect(out.ChangeInfo?.Id).toMatch(/^\/change\/C/);
    expect(out.Location).toBe(`${emulator.url}/2013-04-01/hostedzone/${out.HostedZone?.Id?.split('/')[2]}`);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers HostedZoneAlreadyExists (409) for a reused CallerReference', async () => {
    const r53 = route53Client(emulator);
    await r53.send(new CreateHostedZoneCommand({ Name: 'ref.example.com', CallerReference: 'same-ref' }));
    const error = await rejection(
      r53.send(new CreateHostedZoneCommand({ Name: 'ref2.example.com', CallerReference: 'same-ref' })),
    );
    expect(error.name).toBe('HostedZoneAlreadyExists');
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });

  it('creates a public zone beside a same-named one (other name servers): no ConflictingDomainExists without a delegation set', async () => {
    const r53 = route53Client(emulator);
    const first = await r53.send(
      new CreateHostedZoneCommand({ Name: 'twice.example.com', CallerReference: 'twice-1' }),
    );
    const second = await r53.send(
      new CreateHostedZoneCommand({ Name: 'twice.example.com', CallerReference: 'twice-2' }),
    );
    expect(second.HostedZone?.Id).not.toBe(first.HostedZone?.Id);
    const shared = second.DelegationSet!.NameServers!.filter((ns) => first.DelegationSet!.NameServers!.includes(ns));
    expect(shared).toEqual([]);
    const named = await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'twice.example.com' }));
    expect(named.HostedZones!.filter((z) => z.Name === 'twice.example.com.')).toHaveLength(2);
  });

  it('answers NoSuchDelegationSet for a DelegationSetId (it keeps no reusable delegation sets)', async () => {
    const r53 = route53Client(emulator);
    const error = await rejection(
      r53.send(
        new CreateHostedZoneCommand({ Name: 'set.example.com', CallerReference: 'set-1', DelegationSetId: 'N123' }),
      ),
    );
    expect(error.name).toBe('NoSuchDelegationSet');
  });

  it('rejects an invalid domain name with InvalidDomainName', async () => {
    const error = await rejection(
      route53Client(emulator).send(new CreateHostedZoneCommand({ Name: 'no spaces.com', CallerReference: 'bad-name' })),
    );
    expect(error.name).toBe('InvalidDomainName');
  });
});

describe('GetHostedZone, UpdateHostedZoneComment, DeleteHostedZone', () => {
  it('reads back, updates the comment, refuses to delete while records remain, then deletes', async () => {
    const r53 = route53Client(emulator);
    const { HostedZone } = await r53.send(
      new CreateHostedZoneCommand({ Name: 'life.example.com', CallerReference: 'life' }),
    );
    const id = HostedZone?.Id as string;
    const got = await r53.send(new GetHostedZoneCommand({ Id: id }));
    expect(got.HostedZone?.Name).toBe('life.example.com.');
    expect(got.DelegationSet?.NameServers).toHaveLength(4);

    const updated = await r53.send(new UpdateHostedZoneCommentCommand({ Id: id, Comment: 'new comment' }));
    expect(updated.HostedZone?.Config?.Comment).toBe('new comment');

    await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: id,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'www.life.example.com',
                Type: 'A',
                TTL: 60,
                ResourceRecords: [{ Value: '192.0.2.1' }],
              },
            },
          ],
        },
      }),
    );
    const notEmpty = await rejection(r53.send(new DeleteHostedZoneCommand({ Id: id })));
    expect(notEmpty.name).toBe('HostedZoneNotEmpty');
    expect(notEmpty.$metadata?.httpStatusCode).toBe(400);

    await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: id,
        ChangeBatch: {
          Changes: [
            {
              Action: 'DELETE',
              ResourceRecordSet: {
                Name: 'www.life.example.com',
                Type: 'A',
                TTL: 60,
                ResourceRecords: [{ Value: '192.0.2.1' }],
              },
            },
          ],
        },
      }),
    );
    const deleted = await r53.send(new DeleteHostedZoneCommand({ Id: id }));
    expect(deleted.ChangeInfo?.Status).toBe('INSYNC');

    const gone = await rejection(r53.send(new GetHostedZoneCommand({ Id: id })));
    expect(gone.name).toBe('NoSuchHostedZone');
    expect(gone.$metadata?.httpStatusCode).toBe(404);
    expect((await rejection(r53.send(new DeleteHostedZoneCommand({ Id: id })))).name).toBe('NoSuchHostedZone');
  });
});

describe('listing 250 zones', () => {
  let listing: AwsEmulator;
  beforeAll(async () => {
    listing = await startAwsEmulator({ rateScale: 0 });
    const r53 = route53Client(listing);
    for (let i = 0; i < 250; i++) {
      const name = `org${String(i).padStart(3, '0')}.${i % 2 ? 'b' : 'a'}.example.com`;
      await r53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: `ref-${i}` }));
    }
  });
  afterAll(async () => {
    await listing.close();
  });

  it('ListHostedZones pages by 100 with Marker/NextMarker and returns every zone once', async () => {
    const r53 = route53Client(listing);
    const seen: HostedZone[] = [];
    const pages: number[] = [];
    let marker: string | undefined;
    do {
      const page = await r53.send(new ListHostedZonesCommand({ MaxItems: 100, ...(marker ? { Marker: marker } : {}) }));
      pages.push(page.HostedZones?.length ?? 0);
      seen.push(...(page.HostedZones ?? []));
      expect(page.IsTruncated).toBe(page.NextMarker !== undefined);
      marker = page.NextMarker;
    } while (marker);
    expect(pages).toEqual([100, 100, 50]);
    expect(new Set(seen.map((z) => z.Id)).size).toBe(250);
  });

  it('caps maxitems at 100', async () => {
    const page = await route53Client(listing).send(new ListHostedZonesCommand({ MaxItems: 500 }));
    expect(page.HostedZones).toHaveLength(100);
    expect(page.IsTruncated).toBe(true);
  });

  it('ListHostedZonesByName sorts by reversed labels and pages with NextDNSName/NextHostedZoneId', async () => {
    const r53 = route53Client(listing);
    const names: string[] = [];
    let next: { DNSName?: string; HostedZoneId?: string } = {};
    for (;;) {
      const page = await r53.send(new ListHostedZonesByNameCommand({ MaxItems: 100, ...next }));
      names.push(...(page.HostedZones ?? []).map((z) => z.Name as string));
      if (!page.IsTruncated) break;
      next = { DNSName: page.NextDNSName, HostedZoneId: page.NextHostedZoneId };
    }
    expect(names).toHaveLength(250);
    // All of a.example.com sorts before b.example.com (labels compared right to left).
    expect(names[0]).toBe('org000.a.example.com.');
    expect(names[124]).toBe('org248.a.example.com.');
    expect(names[125]).toBe('org001.b.example.com.');
    const started = await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'org100.a.example.com', MaxItems: 1 }));
    expect(started.HostedZones?.[0]?.Name).toBe('org100.a.example.com.');
    expect(started.DNSName).toBe('org100.a.example.com.');
  });
});

describe('zone quota', () => {
  it('answers TooManyHostedZones after 500 zones', async () => {
    const quota = await startAwsEmulator({ rateScale: 0 });
    try {
      const r53 = route53Client(quota);
      for (let batch = 0; batch < 500; batch += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, j) =>
            r53.send(
              new CreateHostedZoneCommand({ Name: `q${batch + j}.example.com`, CallerReference: `q${batch + j}` }),
            ),
          ),
        );
      }
      const error = await rejection(
        r53.send(new CreateHostedZoneCommand({ Name: 'q500.example.com', CallerReference: 'q500' })),
      );
      expect(error.name).toBe('TooManyHostedZones');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    } finally {
      await quota.close();
    }
  });
});
