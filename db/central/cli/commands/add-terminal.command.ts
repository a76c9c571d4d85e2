import { addTerminal } from '../../central-admin';
import { countAdminsReachingStore } from '../../central-people';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import { requiredString } from '../cli-args';
import type { CliCommand } from '../cli-command';
import { UsageError } from '../cli-errors';
import { formatConnectionText } from '../connection-text';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

export const addTerminalCommand: CliCommand = {
  name: 'add-terminal',
  summary: 'create a terminal login and print its connection text',
  notes: [
    'Prints one line, postgresql://LOGIN:PASSWORD@HOST:PORT/DATABASE, to paste into the terminal setup screen.',
    'The password is shown only this once; keep the line out of chats and tickets.',
  ],
  options: {
    url: URL_OPTION,
    store: {
      type: 'string',
      value: '<code>',
      description: 'code of the store the terminal belongs to',
      required: true,
    },
    code: {
      type: 'string',
      value: '<code>',
      description: 'terminal code, a letter then 1-7 letters or digits (T01)',
      required: true,
    },
    host: {
      type: 'string',
      value: '<host>',
      description: 'host the terminal will reach central at (default: from --url)',
    },
    port: {
      type: 'string',
      value: '<port>',
      description: 'port the terminal will reach central at (default: from --url)',
    },
  },
  async run({ options, output, env }) {
    const target = resolveAdminTarget('add-terminal', options, env);
    const portText = options.strings.get('port');
    const port = portText === undefined ? target.port : Number(portText);
    if (!/^\d{1,5}$/.test(portText ?? '1') || port < 1 || port > 65535)
      throw new UsageError(`add-terminal: --port must be 1-65535, not ${portText}`);
    const host = options.strings.get('host') ?? target.host;
    const storeCode = requiredString(options, 'store');
    const { login, admins } = await withAdminClient(target, async (client) => ({
      login: await addTerminal(client, { storeCode, terminalCode: requiredString(options, 'code') }),
      admins: await countAdminsReachingStore(client, storeCode),
    }));
    output.out(
      `${formatConnectionText({ role: login.role, password: login.password, host, port, database: target.database, sslmode: target.sslmode })}\n`,
    );
    // On stderr, so the connection text stays the only line on stdout for whoever pipes it.
    if (!options.strings.has('host') && LOOPBACK.has(host))
      output.err(`note: the text names ${host}; a terminal on another machine needs --host <address it can reach>\n`);
    if (admins === 0)
      output.err(
        `note: no admin can log in at store ${storeCode} yet; a terminal cannot create one: run add-admin (--store ${storeCode} for the store's own)\n`,
      );
  },
};
