// The Action's entry point (action.yml → dist/index.js).
import { run } from './main.ts';

await run();
