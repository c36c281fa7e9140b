/**
 * A second opinion on IAM decisions: @cloud-copilot/iam-simulate (AGPL, a devDependency only, never shipped),
 * an IAM policy evaluator zonesmith did not write. Answers in the emulator's terms. Throws when the simulator
 * rejects the input or drops a context key it considers irrelevant to the action, so "agrees" always means both
 * evaluated the same keys.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDecision } from '../../generator/local/aws/policy-eval.js';

export async function simulate(
  documents: readonly string[],
  action: string,
  resource: string,
  context: Readonly<Record<string, string | readonly string[]>> = {},
  principal = 'arn:aws:iam::123456789012:user/zonesmith/probe',
): Promise<PolicyDecision> {
  const result = await runSimulation(
    {
      request: {
        principal,
        action,
        resource: { resource, accountId: principal.split(':')[4] ?? '123456789012' },
        contextVariables: Object.fromEntries(
          Object.entries(context).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]),
        ),
      },
      identityPolicies: documents.map((d, i) => ({ name: `policy-${i}`, policy: JSON.parse(d) as unknown })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error')
    throw new Error(`iam-simulate refused the simulation: ${JSON.stringify(result.errors)}`);
  if (result.resultType === 'single' && (result.result.ignoredContextKeys ?? []).length > 0) {
    throw new Error(
      `iam-simulate ignored context keys ${JSON.stringify(result.result.ignoredContextKeys)} for ${action}`,
    );
  }
  switch (result.overallResult) {
    case 'Allowed':
      return 'allow';
    case 'ExplicitlyDenied':
      return 'explicit-deny';
    default:
      return 'implicit-deny';
  }
}
