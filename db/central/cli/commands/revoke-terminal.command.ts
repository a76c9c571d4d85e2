import { revokeTerminal } from '../../central-admin';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import { requiredString } from '../cli-args';
import type { CliCommand } from '../cli-command';

export const revokeTerminalCommand: CliCommand = {
  name: 'revoke-terminal',
  summary: 'revoke a terminal login at once (lost or stolen machine)',
  notes: ['Its login is disabled and its open connections are ended; what it already pushed stays.'],
  options: {
    url: URL_OPTION,
    store: { type: 'string', value: '<code>', description: 'code of the terminal store', required: true },
    code: { type: 'string', value: '<code>', description: 'terminal code (T01)', required: true },
  },
  async run({ options, output, env }) {
    const target = resolveAdminTarget('revoke-terminal', options, env);
    const store = requiredString(options, 'store');
    const code = requiredString(options, 'code');
    const role = await withAdminClient(target, (client) =>
      revokeTerminal(client, { storeCode: store, terminalCode: code }),
    );
    output.out(`terminal ${code.toUpperCase()} of store ${store.toUpperCase()} revoked (login ${role} disabled)\n`);
  },
};
