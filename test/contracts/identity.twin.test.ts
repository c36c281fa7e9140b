import { createMemoryIdentity } from '../twins/identity.js';
import { describeIdentityContract } from './identity.contract.js';

describeIdentityContract('in-memory twin', async () => ({ provider: createMemoryIdentity(), close: async () => {} }));
