/** The fidelity corpus: scenario files and the ground truth each declares (`expect` / `EXPECT`). */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Expectation {
  leaks: boolean;
  /** Real retained bytes per iteration (measured by bench/truth.mjs); 0 for clean scenarios. */
  bytesPerIteration: number;
  function?: string;
  line?: number;
  /** Leak below the detection target (1 KiB/iteration, else 64 KB per pass): reported, not counted against targets. */
  belowTarget?: boolean;
  /** The leaked bytes live outside the JS heap (Buffers): the sampled sites only see the wrappers. */
  external?: boolean;
  allocationHeavy?: boolean;
  /** Service-shaped (a server, a client, a pool): warm-up tails that take thousands of iterations to settle. */
  service?: boolean;
  /**
   * Who holds the leak (issue 14): the name a person recognises of the root or holder that keeps the growth
   * alive (a module-scope variable, a class attribute, an emitter's `_events`, a closure variable, `timers`
   * for the timer list), as a step of a retainer path names it. Several: any of them counts.
   */
  holder?: string | string[];
  /** Python: the PyPI modules the scenario imports; where one is not installed, the scenario is left out (and said). */
  requires?: string[];
}

export interface Scenario {
  /** e.g. 'node/leak-small-16k.mjs' */
  name: string;
  /** Absolute path. */
  file: string;
  runtime: 'node' | 'python';
  expect: Expectation;
}

const PY_EXPECT =
  'import ast, json, sys\nsrc = open(sys.argv[1]).read()\nfor node in ast.parse(src).body:\n    if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "EXPECT" for t in node.targets):\n        print(json.dumps(ast.literal_eval(node.value)))\n';

async function readExpect(file: string, runtime: 'node' | 'python', python: string): Promise<Expectation> {
  if (runtime === 'python') {
    // Read without importing: the module's own top-level code must only run inside the measured process.
    return JSON.parse(execFileSync(python, ['-c', PY_EXPECT, file], { encoding: 'utf8' })) as Expectation;
  }
  const mod = (await import(pathToFileURL(file).href)) as { expect?: Expectation };
  if (!mod.expect) throw new Error(`${file} has no \`export const expect\``);
  return mod.expect;
}

export async function loadCorpus(benchDir: string, python: string): Promise<Scenario[]> {
  const root = join(benchDir, 'scenarios');
  const scenarios: Scenario[] = [];
  for (const [dir, ext, runtime] of [
    ['node', '.mjs', 'node'],
    ['python', '.py', 'python'],
  ] as const) {
    for (const entry of readdirSync(join(root, dir))
      .filter((f) => f.endsWith(ext))
      .sort()) {
      const file = join(root, dir, entry);
      const expect = await readExpect(file, runtime, python);
      const missing = (expect.requires ?? []).filter((module) => !installed(python, module));
      if (missing.length > 0) {
        console.log(`${relative(root, file)}: left out, ${missing.join(' and ')} not installed for ${python}`);
        continue;
      }
      scenarios.push({ name: relative(root, file), file, runtime, expect });
    }
  }
  return scenarios;
}

function installed(python: string, module: string): boolean {
  const check = `import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(${JSON.stringify(module)}) else 1)`;
  try {
    execFileSync(python, ['-c', check], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
