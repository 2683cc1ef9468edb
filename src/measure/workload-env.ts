/**
 * The environment a workload runs in: the step's own, minus what the runner gives only to the Action's process:
 * the artifact/cache service and OIDC tokens (plain `run:` steps never see them), the `github-token` input, and
 * the files that set the step's outputs, environment and summary. None of that is the workload's business.
 * This is hygiene, not a security boundary: the workload runs as the same user and could read its parent's
 * environment from /proc. Untrusted code must never be measured in a job that holds secrets or a write token
 * (README, "Pull requests from forks").
 */
const SECRET_NAMES = new Set(['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']);
const SECRET_PREFIXES = ['INPUT_', 'ACTIONS_'];

export function isActionOnlyVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAMES.has(upper) || SECRET_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

export function workloadEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isActionOnlyVariable(name)));
}
