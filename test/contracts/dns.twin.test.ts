import { describe, expect, it } from 'vitest';
import { createMemoryDns } from '../twins/dns.js';
import { describeDnsContract, expectPortError } from './dns.contract.js';

describeDnsContract('in-memory twin', async () => ({ provider: createMemoryDns(), close: async () => {} }));

describe('in-memory DNS twin specifics', () => {
  it('enforces the zone quota and counts writes', async () => {
    const dns = createMemoryDns({ zoneLimit: 1 });
    await dns.createZone({ name: 'q1.example.com', callerReference: 'q1', comment: 'c' });
    await expectPortError(
      dns.createZone({ name: 'q2.example.com', callerReference: 'q2', comment: 'c' }),
      'limit-exceeded',
      'TooManyHostedZones',
    );
    expect(dns.writes()).toBe(1);
  });
});
