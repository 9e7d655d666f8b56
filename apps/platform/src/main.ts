import 'reflect-metadata';
import { ConfigurationError } from '@houqin/service-kit';
import { startPlatform } from './platform';

async function main(): Promise<void> {
  const platform = await startPlatform(process.env);
  const lines = [
    '',
    'Houqin is running (single process).',
    `  Gateway:   ${platform.gatewayUrl}`,
    `  API docs:  ${platform.docsUrl}`,
    ...platform.services.map((service) => `  ${service.name.padEnd(11)} ${service.url}/docs`),
    '',
    `Demo access token (agency ${platform.demo.agencyId}, roles staff + logistics-manager, valid 12 h):`,
    platform.demo.accessToken,
    '',
    `Try: curl -H "Authorization: Bearer <token>" ${platform.gatewayUrl}/api/v1/maintenance/repair-requests`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write(`${signal}: stopping Houqin\n`);
    platform
      .stop()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(error instanceof ConfigurationError ? 78 : 1);
});
