import { addStore } from '../../central-admin';
import { adoptStandaloneStore } from '../../central-people';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import { requiredString } from '../cli-args';
import type { CliCommand } from '../cli-command';
import { UsageError } from '../cli-errors';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const addStoreCommand: CliCommand = {
  name: 'add-store',
  summary: 'add a store (branch) that terminals can be added to',
  notes: [
    '--id adopts the store id of a terminal that already sold on its own, so its history keeps its store.',
    "--from adopts such a terminal's store and its people: its data folder (or database file), read only. Its",
    'users, admins included, are written at central with their PINs, so they keep logging in once it connects;',
    'a terminal cannot create admins itself. Run again on a store already added with the same --code to adopt',
    'its people afterwards.',
  ],
  options: {
    url: URL_OPTION,
    code: {
      type: 'string',
      value: '<code>',
      description: 'short store code, 2-12 letters or digits (PAL)',
      required: true,
    },
    name: { type: 'string', value: '<name>', description: 'store name shown on receipts ("Palermo")', required: true },
    id: {
      type: 'string',
      value: '<uuid>',
      description: 'store id to adopt (default: a new one, or the one of --from)',
    },
    from: {
      type: 'string',
      value: '<folder>',
      description: "a standalone terminal's data folder or database file whose store and users to adopt",
    },
  },
  async run({ options, output, env }) {
    const id = options.strings.get('id');
    if (id !== undefined && !UUID_PATTERN.test(id)) throw new UsageError(`add-store: --id must be a UUID, not ${id}`);
    const from = options.strings.get('from');
    const target = resolveAdminTarget('add-store', options, env);
    const code = requiredString(options, 'code');
    const name = requiredString(options, 'name');
    if (from === undefined) {
      const store = await withAdminClient(target, (client) => addStore(client, { code, name, id }));
      output.out(`store ${store.code} "${store.name}" added (id ${store.id})\n`);
      // On stderr, so stdout stays the one line a script reads.
      if (id !== undefined)
        output.err(
          "note: a standalone terminal's admins are refused once it syncs unless central adopts its people: run again with --from <its data folder>\n",
        );
      return;
    }
    const adopted = await withAdminClient(target, (client) => adoptStandaloneStore(client, { code, name, id, from }));
    const { store } = adopted;
    output.out(
      `store ${store.code} "${store.name}" ${adopted.existed ? 'was already there' : 'added'} (id ${store.id}); ` +
        `${adopted.adopted} user(s) adopted${adopted.alreadyThere > 0 ? `, ${adopted.alreadyThere} already at central` : ''}\n`,
    );
    if (adopted.otherStores > 0)
      output.err(`note: ${adopted.otherStores} user(s) of other stores in that folder were left out\n`);
  },
};
