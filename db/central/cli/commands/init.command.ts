import { initCentral } from '../../migrate-central';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import type { CliCommand } from '../cli-command';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'create the central schema, roles and sync_api, or bring them up to date',
  notes: ['Safe to run again: migrations already applied are skipped.'],
  options: { url: URL_OPTION },
  async run({ options, output, env }) {
    const target = resolveAdminTarget('init', options, env);
    const result = await withAdminClient(target, (client) => initCentral(client));
    if (result.applied.length === 0) {
      output.out(`central database ${result.database} is already up to date\n`);
      return;
    }
    output.out(`central database ${result.database}: applied ${result.applied.length} migration(s)\n`);
    for (const name of result.applied) output.out(`  ${name}\n`);
  },
};
