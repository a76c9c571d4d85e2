import { addStore } from '../../central-admin';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import { requiredString } from '../cli-args';
import type { CliCommand } from '../cli-command';
import { UsageError } from '../cli-errors';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const addStoreCommand: CliCommand = {
  name: 'add-store',
  summary: 'add a store (branch) that terminals can be added to',
  notes: ['--id adopts the store id of a terminal that already sold on its own, so its history keeps its store.'],
  options: {
    url: URL_OPTION,
    code: {
      type: 'string',
      value: '<code>',
      description: 'short store code, 2-12 letters or digits (PAL)',
      required: true,
    },
    name: { type: 'string', value: '<name>', description: 'store name shown on receipts ("Palermo")', required: true },
    id: { type: 'string', value: '<uuid>', description: 'store id to adopt (default: a new one)' },
  },
  async run({ options, output, env }) {
    const id = options.strings.get('id');
    if (id !== undefined && !UUID_PATTERN.test(id)) throw new UsageError(`add-store: --id must be a UUID, not ${id}`);
    const target = resolveAdminTarget('add-store', options, env);
    const store = await withAdminClient(target, (client) =>
      addStore(client, { code: requiredString(options, 'code'), name: requiredString(options, 'name'), id }),
    );
    output.out(`store ${store.code} "${store.name}" added (id ${store.id})\n`);
  },
};
