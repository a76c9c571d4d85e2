import { addAdmin } from '../../central-people';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import { requiredString } from '../cli-args';
import type { CliCommand } from '../cli-command';

export const addAdminCommand: CliCommand = {
  name: 'add-admin',
  summary: "add an admin at central: the chain's, who logs in at every store, or with --store one store's",
  notes: [
    'The admin reaches the terminals with their next sync. Terminals can neither create admins nor change this one.',
    '--store makes the admin of one store instead (a store that never had a terminal of its own, say).',
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
    store: { type: 'string', value: '<code>', description: "a store's code: its own admin, not the chain's" },
  },
  async run({ options, output, env }) {
    const target = resolveAdminTarget('add-admin', options, env);
    const admin = await withAdminClient(target, (client) =>
      addAdmin(client, {
        name: requiredString(options, 'name'),
        pin: requiredString(options, 'pin'),
        storeCode: options.strings.get('store'),
      }),
    );
    const whose = admin.store === null ? 'chain admin' : `admin of store ${admin.store}`;
    output.out(`${whose} "${admin.name}" added (id ${admin.id}); terminals list them after their next sync\n`);
  },
};
