/** Starts the AWS emulator and builds zonesmith's AWS clients against it; `close` tears both down. */
import { createAwsClients, type AwsClients, type AwsClientsOptions } from '../../../generator/adapters/aws/clients.js';
import { startAwsEmulator, type AwsEmulator, type AwsEmulatorOptions } from '../../../generator/local/aws/index.js';

export interface AwsHarness {
  readonly emulator: AwsEmulator;
  readonly clients: AwsClients;
  close(): Promise<void>;
}

/** Fast backoff so fault tests converge quickly; the policy itself is covered by retry.test.ts. */
export const FAST_RETRY = { throttleBaseDelayMs: 4, baseDelayMs: 2, maxDelayMs: 50 } as const;

export async function startAwsHarness(
  emulatorOptions: AwsEmulatorOptions = {},
  clientOptions: Omit<AwsClientsOptions, 'env'> & { env?: AwsClientsOptions['env'] } = {},
): Promise<AwsHarness> {
  const emulator = await startAwsEmulator(emulatorOptions);
  const clients = createAwsClients({
    ...clientOptions,
    env: {
      AWS_ENDPOINT_URL: emulator.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: emulator.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.admin.secretAccessKey,
      ...clientOptions.env,
    },
  });
  return {
    emulator,
    clients,
    async close() {
      clients.route53.destroy();
      clients.iam.destroy();
      await emulator.close();
    },
  };
}
