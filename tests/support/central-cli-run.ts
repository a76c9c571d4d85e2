import { runCli } from '../../db/central/cli/central-cli';

/** What one run of the central CLI did: its exit code and what it printed on each stream. */
export interface CentralCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as an admin runs it, in process (its own entry function, minus the node start), output captured. */
export async function runCentralCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CentralCliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
    },
    env,
  );
  return { code, stdout, stderr };
}
