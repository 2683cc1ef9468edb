/**
 * A problem with what the user asked for (a flag, an input, a workload pattern), as opposed to a
 * failing workload or a bug. Both front doors turn it into exit code 2 / a failed step with the message alone.
 * Pass `{ cause }` when it wraps another error, so that the original stays reachable for debugging.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
