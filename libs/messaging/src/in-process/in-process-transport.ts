import { EventTransport, OutgoingEvent, TransportHealth } from '../transport';
import { InProcessBroker } from './in-process-broker';

export class InProcessEventTransport implements EventTransport {
  readonly kind = 'in-process' as const;
  private connected = false;

  constructor(private readonly broker: InProcessBroker) {}

  async connect(): Promise<void> {
    this.connected = true;
  }

  async publish(events: OutgoingEvent[]): Promise<void> {
    await this.broker.publishAll(events.map((event) => ({ topic: event.topic, key: event.key, value: Buffer.from(JSON.stringify(event.envelope)) })));
  }

  health(): TransportHealth {
    return { connected: this.connected };
  }

  async probe(): Promise<TransportHealth> {
    return this.health();
  }

  async close(): Promise<void> {
    this.connected = false;
  }
}
