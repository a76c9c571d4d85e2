/**
 * Starts the sale-loop child (crash-sale-child.ts, bundled by crash-child-bundle.ts) and kills it with SIGKILL at
 * a planned instant, collecting every line it wrote before it died.
 *
 * The child is plain `node <bundle>`: one process, so SIGKILL hits the writer itself. (The `tsx` binary would not
 * do: it runs the script in a grandchild, and SIGKILL would kill only the wrapper and leave the writer running.)
 * A child is started "warm": it loads its modules, then waits for `go` on stdin before it opens the database, so
 * the test can start the next round's child while the current one sells, and its start-up time is hidden.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { CHILD_NODE_PATH } from './crash-child-bundle';
import { type ChildEvent, type CrashChildConfig, parseChildEvent } from './crash-sale-protocol';

/**
 * When to pull the plug, counted from the child's lines. A delay of 0 kills synchronously inside the stdout
 * handler: the nearest the parent can get to the instant the line was written.
 */
export type KillPlan =
  | { kind: 'after-go'; delayMs: number }
  | { kind: 'after-ready'; delayMs: number }
  | { kind: 'after-begin'; count: number; delayMs: number }
  | { kind: 'after-done'; count: number; delayMs: number };

export interface RoundOutcome {
  events: ChildEvent[];
  /** Lines that are not part of the protocol: a round with any is a failure, not something to guess about. */
  unparsed: string[];
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  stderr: string;
  timedOut: boolean;
}

export interface WarmChild {
  /** Lets the child open the store and sell, kills it as planned, and resolves once it is gone. Call once. */
  run(plan: KillPlan, timeoutMs: number): Promise<RoundOutcome>;
  /** Kills a child that will not be run (a failed test), so none outlives the test. */
  dispose(): void;
}

function watchExit(child: ChildProcessWithoutNullStreams) {
  return new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal }));
  });
}

export function startWarmChild(childBundle: string, config: CrashChildConfig): WarmChild {
  const child = spawn(process.execPath, [childBundle, JSON.stringify(config)], {
    env: { ...process.env, NODE_PATH: CHILD_NODE_PATH },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Listened to from the start, so an early death (a broken import) is not missed.
  const exited = watchExit(child);
  const events: ChildEvent[] = [];
  const unparsed: string[] = [];
  const timers: NodeJS.Timeout[] = [];
  let stderr = '';
  let pending = '';
  const seen = { begin: 0, done: 0 };
  let killed = false;
  let plan: KillPlan | null = null;

  const kill = (): void => {
    if (killed) return;
    killed = true;
    child.kill('SIGKILL');
  };
  const killAfter = (delayMs: number): void => {
    if (delayMs === 0) kill();
    else timers.push(setTimeout(kill, delayMs));
  };

  // Lines keep being parsed after the kill: whatever the child wrote before it died is still in the pipe.
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = parseChildEvent(line);
      if (!event) {
        unparsed.push(line);
        continue;
      }
      events.push(event);
      if (event.type === 'ready' && plan?.kind === 'after-ready') killAfter(plan.delayMs);
      if (event.type === 'begin' || event.type === 'done') {
        seen[event.type] += 1;
        if (plan?.kind === `after-${event.type}` && 'count' in plan && seen[event.type] === plan.count) {
          killAfter(plan.delayMs);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });

  return {
    async run(killPlan, timeoutMs) {
      plan = killPlan;
      let timedOut = false;
      timers.push(
        setTimeout(() => {
          timedOut = true;
          kill();
        }, timeoutMs),
      );
      child.stdin.write('go\n');
      if (killPlan.kind === 'after-go') killAfter(killPlan.delayMs);
      const { exitCode, signal } = await exited;
      for (const timer of timers) clearTimeout(timer);
      // Each line is one write under PIPE_BUF, which a pipe delivers whole: a torn tail would be a surprise.
      if (pending !== '') unparsed.push(pending);
      return { events, unparsed, signal, exitCode, stderr, timedOut };
    },
    dispose: kill,
  };
}
