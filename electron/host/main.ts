import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/create-core';
import { resolveDataDir, resolvePort } from './data-dir';
import { createHostServer } from './host-server';
import { createStderrLogger, logLevelFrom } from './stderr-logger';

/**
 * Browser mode (`npm run host`): the core and the built renderer over HTTP on 127.0.0.1. stdout carries
 * exactly one line, the ready line with the per-start token; everything else is logged on stderr.
 */
async function main(): Promise<void> {
  const level = logLevelFrom(process.env.TECHSTORE_LOG_LEVEL);
  const log = createStderrLogger('host', level);
  const dataDir = resolveDataDir({ platform: process.platform, env: process.env, homedir: homedir() });
  const port = resolvePort(process.env.TECHSTORE_PORT);
  const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    log.warn('the renderer is not built; run `npm run build:renderer` (the API works without it)', { rendererDir });
  }

  const core = await createCore({ dataDir, log: createStderrLogger('core', level) });
  const token = randomBytes(32).toString('base64url');
  const host = createHostServer({ core, token, rendererDir, log });
  let boundPort: number;
  try {
    boundPort = await host.listen(port);
  } catch (error) {
    await core.close();
    throw error;
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    host
      .close()
      .then(() => core.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error('stopping failed', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  log.info('serving', { dataDir, database: core.databaseFile });
  process.stdout.write(`TechStore ready at http://127.0.0.1:${boundPort}/#token=${token}\n`);
}

main().catch((error: unknown) => {
  createStderrLogger('host').error('browser mode failed to start', error);
  process.exit(1);
});
