import 'reflect-metadata';
import { BOOTSTRAP_ADMIN_USERNAME } from '@houqin/gateway';
import { banner } from './banner';
import { startPlatform } from './platform';
import { startupFailure } from './startup-failure';

async function main(): Promise<void> {
  const platform = await startPlatform(process.env);
  process.stdout.write(
    banner({
      title: 'Houqin is running (single process).',
      gatewayUrl: platform.gatewayUrl,
      services: platform.services,
      demo: platform.demo,
      ...(process.env['GATEWAY_BOOTSTRAP_ADMIN_PASSWORD'] ? { platformAdmin: BOOTSTRAP_ADMIN_USERNAME } : {}),
    }),
  );
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
  const failure = startupFailure(error);
  process.stderr.write(`${failure.message}\n`);
  process.exit(failure.exitCode);
});
