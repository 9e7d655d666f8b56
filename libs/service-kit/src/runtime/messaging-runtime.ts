import { EventTransport, HouqinEventServer, OutboxRelay } from '@houqin/messaging';

/**
 * The live messaging parts of one service, filled in by the bootstrap once they exist, read by the
 * health checks and by graceful shutdown.
 */
export class MessagingRuntime {
  transport?: EventTransport;
  server?: HouqinEventServer;
  relay?: OutboxRelay;
  shuttingDown = false;
  /** How long a consumer may stay out of the running state before the probes call it dead. */
  consumerStallMs = 120_000;
}
