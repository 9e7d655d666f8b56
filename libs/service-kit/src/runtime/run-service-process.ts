import { ConfigurationError } from '../config/service-config';
import { ServiceDefinition } from './service-definition';
import { RunningService, startService } from './start-service';

/**
 * Entry point of a service running as its own process (a pod): start, then shut down gracefully on
 * SIGTERM/SIGINT. A second signal, or a shutdown that overruns, exits at once.
 */
export async function runServiceProcess(definition: ServiceDefinition): Promise<RunningService | undefined> {
  let service: RunningService;
  try {
    service = await startService(definition, { env: process.env });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    process.stderr.write(`${definition.name} failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  }
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    service.logger.info({ signal }, 'shutdown requested');
    const hardStop = setTimeout(() => {
      service.logger.error('graceful shutdown overran its budget; exiting');
      process.exit(1);
    }, Number(service.config.SHUTDOWN_TIMEOUT_MS) * 4);
    hardStop.unref();
    service
      .shutdown()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        service.logger.error({ err: error }, 'graceful shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return service;
}
