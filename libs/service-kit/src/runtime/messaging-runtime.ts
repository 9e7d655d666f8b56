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
}
