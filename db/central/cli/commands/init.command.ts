import { initCentral } from '../../migrate-central';
import { type ClosedDatabase, closeDatabaseToTerminals, databasesOpenToTerminals } from '../../server-access';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import type { ParsedOptions } from '../cli-args';
import type { CliCommand } from '../cli-command';
import { UsageError } from '../cli-errors';

function databasesToLock(options: ParsedOptions): string[] {
  const text = options.strings.get('lock-databases');
  if (text === undefined) return [];
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => name === ''))
    throw new UsageError('init: --lock-databases takes database names separated by commas (postgres,template1)');
  return [...new Set(names)];
}

function describeClosed(closed: ClosedDatabase): string {
  return closed.privileges.length === 0
    ? `database ${closed.name}: already closed to terminal logins\n`
    : `database ${closed.name}: closed to terminal logins (${closed.privileges.join(', ')} moved from PUBLIC to public_except_terminals)\n`;
}

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'create the central schema, roles and sync_api, or bring them up to date',
  notes: [
    'Safe to run again: migrations already applied are skipped.',
    'PostgreSQL lets every role connect to the other databases of the server and make temporary tables there;',
    'init names those a terminal login can still enter. --lock-databases closes them to terminal logins only:',
    'every other role that exists keeps its access through the public_except_terminals role.',
  ],
  options: {
    url: URL_OPTION,
    'lock-databases': {
      type: 'string',
      value: '<names>',
      description: 'other databases of the server to close to terminal logins, comma-separated (postgres,template1)',
    },
  },
  async run({ options, output, env }) {
    const lock = databasesToLock(options);
    const target = resolveAdminTarget('init', options, env);
    const { result, closed, open } = await withAdminClient(target, async (client) => {
      const result = await initCentral(client);
      const closed: ClosedDatabase[] = [];
      for (const name of lock) closed.push(await closeDatabaseToTerminals(client, name));
      return { result, closed, open: await databasesOpenToTerminals(client) };
    });
    if (result.applied.length === 0) {
      output.out(`central database ${result.database} is already up to date\n`);
    } else {
      output.out(`central database ${result.database}: applied ${result.applied.length} migration(s)\n`);
      for (const name of result.applied) output.out(`  ${name}\n`);
    }
    for (const database of closed) output.out(describeClosed(database));
    // On stderr, like add-terminal's note: advice for the admin, not the command's result.
    if (open.length > 0)
      output.err(
        `note: terminal logins can still connect to ${open.join(',')} (PostgreSQL's default); close them with ` +
          '--lock-databases or pg_hba.conf (README, "A chain of stores")\n',
      );
  },
};
