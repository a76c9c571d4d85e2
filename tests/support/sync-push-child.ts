/**
 * Child process for the push crash test: pushes a terminal's outbox one mutation per central transaction, for
 * ever, so that a SIGKILL from the parent lands between central's commit and the local acknowledgement as
 * often as anywhere else. Prints `pushed <acked_seq>` after each acknowledged push.
 *
 *   node --import tsx tests/support/sync-push-child.ts <sqlite file> <terminal login url>
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { SyncEngine } from '../../electron/core/sync/sync-engine';

const [file, url] = process.argv.slice(2);
if (!file || !url) {
  process.stderr.write('usage: sync-push-child <sqlite file> <terminal login url>\n');
  process.exit(2);
}
const sqlite = new Database(file);
sqlite.pragma('busy_timeout = 5000');
const setting = (key: string) =>
  JSON.parse((sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string }).value) as {
    id: string;
    code?: string;
  };
const central = new pg.Client({ connectionString: url });
await central.connect();
const terminal = setting('terminal');
const engine = new SyncEngine(sqlite, central, {
  terminalId: terminal.id,
  terminalCode: terminal.code ?? null,
  storeId: setting('store').id,
});
await engine.register();
process.stdout.write('ready\n');
for (;;) {
  const { pushed } = await engine.push(1);
  const { acked_seq } = sqlite.prepare('SELECT acked_seq FROM sync_state').get() as { acked_seq: number };
  process.stdout.write(`pushed ${acked_seq}\n`);
  if (pushed === 0) await new Promise((resolve) => setTimeout(resolve, 20));
}
