/** Everything the CLI touches outside its arguments, so that tests can run it in process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Workloads, --out-dir and --json are resolved against it. */
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}
