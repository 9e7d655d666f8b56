import { Clock } from '@houqin/domain';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  openMs: number;
}

/** Leave to call the upstream once; its outcome must be reported with `succeeded` or `failed`. */
export interface CallPermit {
  readonly allowed: true;
  /** The single call a half-open circuit lets through to find out whether the upstream is back. */
  readonly probe: boolean;
}

/** The circuit refuses the call; the upstream is not contacted at all. */
export interface CallRefusal {
  readonly allowed: false;
  readonly state: Exclude<CircuitState, 'closed'>;
  /** When calling again has a chance: the rest of the cool-down (or of the probe in flight). */
  readonly retryAfterMs: number;
}

export type CircuitDecision = CallPermit | CallRefusal;

export interface CircuitTransition {
  from: CircuitState;
  to: CircuitState;
  consecutiveFailures: number;
}

/**
 * One upstream's circuit. Closed: calls go through and consecutive failures are counted; the
 * threshold opens it. Open: calls are refused at once, without touching the upstream, until the
 * cool-down has passed. Half-open: one probe goes through (the others are still refused); its
 * success closes the circuit, its failure opens it for another cool-down.
 *
 * Outcomes of calls that were let through under an earlier state (a slow call finishing after the
 * circuit opened) do not move the circuit: only closed-state calls and the probe count.
 */
export class CircuitBreaker {
  private current: 'closed' | 'open' = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeStartedAt: number | undefined;
  private readonly listeners: Array<(transition: CircuitTransition) => void> = [];

  constructor(
    readonly name: string,
    private readonly options: CircuitBreakerOptions,
    private readonly clock: Clock,
  ) {
    if (options.failureThreshold < 1) throw new RangeError('failureThreshold must be at least 1');
    if (options.openMs <= 0) throw new RangeError('openMs must be positive');
  }

  /** The state a call arriving now would meet. */
  get state(): CircuitState {
    if (this.current === 'closed') return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  get failures(): number {
    return this.consecutiveFailures;
  }

  onTransition(listener: (transition: CircuitTransition) => void): void {
    this.listeners.push(listener);
  }

  /** Asks to call the upstream now. */
  request(): CircuitDecision {
    const state = this.state;
    if (state === 'closed') return { allowed: true, probe: false };
    const now = this.now();
    if (state === 'open') return { allowed: false, state, retryAfterMs: this.openedAt + this.options.openMs - now };
    // Half-open: one probe at a time. A probe that never reported (lost) is given up on after a cool-down.
    if (this.probeStartedAt === undefined || now - this.probeStartedAt >= this.options.openMs) {
      if (this.probeStartedAt === undefined) this.emit('open', 'half-open');
      this.probeStartedAt = now;
      return { allowed: true, probe: true };
    }
    return { allowed: false, state, retryAfterMs: this.probeStartedAt + this.options.openMs - now };
  }

  succeeded(permit: CallPermit): void {
    if (permit.probe) {
      if (this.probeStartedAt === undefined) return;
      this.probeStartedAt = undefined;
      this.consecutiveFailures = 0;
      this.current = 'closed';
      this.emit('half-open', 'closed');
      return;
    }
    if (this.current === 'closed') this.consecutiveFailures = 0;
  }

  failed(permit: CallPermit): void {
    if (permit.probe) {
      if (this.probeStartedAt === undefined) return;
      this.probeStartedAt = undefined;
      this.consecutiveFailures += 1;
      this.open('half-open');
      return;
    }
    if (this.current !== 'closed') return;
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures >= this.options.failureThreshold) this.open('closed');
  }

  private open(from: CircuitState): void {
    this.current = 'open';
    this.openedAt = this.now();
    this.emit(from, 'open');
  }

  private emit(from: CircuitState, to: CircuitState): void {
    for (const listener of this.listeners) listener({ from, to, consecutiveFailures: this.consecutiveFailures });
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
