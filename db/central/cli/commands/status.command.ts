import { centralStatus } from '../../central-admin';
import { resolveAdminTarget, URL_OPTION, withAdminClient } from '../admin-connection';
import type { CliCommand } from '../cli-command';
import { formatStatusReport } from '../status-report';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'show terminals (last contact, clock skew), open alerts and quarantined mutations',
  options: {
    url: URL_OPTION,
    json: { type: 'boolean', description: 'print the status as JSON, for scripts and monitoring' },
  },
  async run({ options, output, env }) {
    const target = resolveAdminTarget('status', options, env);
    const status = await withAdminClient(target, (client) => centralStatus(client));
    output.out(
      options.flags.has('json') ? `${JSON.stringify(status, null, 2)}\n` : formatStatusReport(status, Date.now()),
    );
  },
};
