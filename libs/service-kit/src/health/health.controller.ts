import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { PublicRoute } from '../http/internal-auth.guard';
import { MessagingRuntime } from '../runtime/messaging-runtime';
import { REDIS_CLIENT } from '../runtime/redis';

/**
 * Liveness fails only when the process cannot recover by itself (a crashed consumer); readiness
 * also fails while the database, the broker or Redis is unreachable, or during shutdown.
 */
@ApiExcludeController()
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly runtime: MessagingRuntime,
    @Optional() private readonly database?: TypeOrmHealthIndicator,
    @Optional() @Inject(REDIS_CLIENT) private readonly redis?: Redis | null,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.consumer(false)]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const checks: Array<() => Promise<HealthIndicatorResult>> = [async () => this.accepting(), () => this.consumer(true), () => this.transport()];
    if (this.database && this.runtime.relay) checks.push(() => this.database!.pingCheck('database', { timeout: 2000 }));
    if (this.redis) checks.push(() => this.redisPing());
    return this.health.check(checks);
  }

  private accepting(): HealthIndicatorResult {
    const check = this.indicator.check('lifecycle');
    return this.runtime.shuttingDown ? check.down({ state: 'shutting-down' }) : check.up({ state: 'serving' });
  }

  private async consumer(readiness: boolean): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('consumer');
    const server = this.runtime.server;
    if (!server) return check.up({ state: 'none' });
    const status = server.consumerStatus();
    // A consumer that has not been running for this long is a zombie (e.g. restarting forever).
    const stalled = ['rebalancing', 'starting'].includes(status.state) && status.stateForMs > this.runtime.consumerStallMs;
    const healthy = readiness
      ? (['running', 'rebalancing', 'starting'].includes(status.state) && !stalled) || (this.runtime.shuttingDown && status.state !== 'crashed')
      : status.state !== 'crashed' && !stalled;
    const details = { state: status.state, forSeconds: Math.round(status.stateForMs / 1000), ...(stalled ? { stalled: true } : {}), topics: status.subscribedTopics, inFlight: status.inFlight, ...(status.detail ? { detail: status.detail } : {}) };
    return healthy ? check.up(details) : check.down(details);
  }

  private async transport(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('messaging');
    const transport = this.runtime.transport;
    if (!transport) return check.up({ transport: 'none' });
    const health = await transport.probe();
    const details = { transport: transport.kind, ...(health.detail ? { detail: health.detail } : {}) };
    return health.connected ? check.up(details) : check.down(details);
  }

  private async redisPing(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('redis');
    try {
      const answer = await Promise.race([this.redis!.ping(), new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      return answer === 'PONG' ? check.up() : check.down({ answer });
    } catch (error) {
      return check.down({ detail: (error as Error).message });
    }
  }
}
