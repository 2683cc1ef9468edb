/**
 * The environment a workload runs in: the step's own, minus what only the Action may hold. A workload is
 * pull request code; in a JavaScript action's process the runner puts credentials that plain `run:` steps
 * never see (the artifact and cache service token, the OIDC request token), the `github-token` input, and
 * the files that set the step's outputs and summary. None of that is the workload's business, and a fork's
 * workload could use the runtime token to upload a forged report artifact or poison the cache.
 */
const SECRET_NAMES = new Set(['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']);
const SECRET_PREFIXES = ['INPUT_', 'ACTIONS_'];

export function isActionOnlyVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAMES.has(upper) || SECRET_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

export function workloadEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isActionOnlyVariable(name)));
}
