import { createMemoryDns } from '../twins/dns.js';
import { describeDnsContract } from './dns.contract.js';

describeDnsContract('in-memory twin', async () => ({ provider: createMemoryDns(), close: async () => {} }));
