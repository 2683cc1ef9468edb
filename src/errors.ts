/**
 * A problem with what the user asked for (a flag, an input, a workload pattern), as opposed to a
 * failing workload or a bug. Both front doors turn it into exit code 2 / a failed step with the message alone.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
