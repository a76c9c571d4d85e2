import { addChainAdmin } from '../../central-people';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import { requiredString } from '../cli-args';
import type { CliCommand } from '../cli-command';

export const addAdminCommand: CliCommand = {
  name: 'add-admin',
  summary: "add a chain-wide admin, who logs in at every store's terminals",
  notes: [
    'The admin reaches every terminal with its next sync. Terminals can neither create admins nor change this one.',
    'The PIN stays in your shell history: clear it, or run the command from a script that reads the PIN.',
  ],
  options: {
    url: URL_OPTION,
    name: {
      type: 'string',
      value: '<name>',
      description: 'name shown on the login pad ("Laura Gómez")',
      required: true,
    },
    pin: { type: 'string', value: '<pin>', description: 'login PIN, 4 to 8 digits', required: true },
  },
  async run({ options, output, env }) {
    const target = resolveAdminTarget('add-admin', options, env);
    const admin = await withAdminClient(target, (client) =>
      addChainAdmin(client, { name: requiredString(options, 'name'), pin: requiredString(options, 'pin') }),
    );
    output.out(`chain admin "${admin.name}" added (id ${admin.id}); terminals list them after their next sync\n`);
  },
};
