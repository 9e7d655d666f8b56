import { EventEnvelope, envelopeSchema } from './envelope';
import { EventContract, zodIssues } from './event-contract';

export type DecodedEvent =
  | { ok: true; envelope: EventEnvelope; contract: EventContract }
  | { ok: false; reason: 'malformed' | 'envelope-invalid' | 'unknown-type' | 'data-invalid'; detail: string; type?: string };

/** The set of event contracts a process knows; validates events on the way in. */
export class EventCatalog {
  private readonly byType = new Map<string, EventContract>();

  constructor(contracts: readonly EventContract[]) {
    for (const contract of contracts) {
      if (this.byType.has(contract.type)) throw new Error(`duplicate event type ${contract.type}`);
      this.byType.set(contract.type, contract);
    }
  }

  get contracts(): EventContract[] {
    return [...this.byType.values()];
  }

  get topics(): string[] {
    return [...new Set(this.contracts.map((c) => c.topic))].sort();
  }

  find(type: string): EventContract | undefined {
    return this.byType.get(type);
  }

  get(type: string): EventContract {
    const contract = this.byType.get(type);
    if (!contract) throw new Error(`unknown event type ${type}`);
    return contract;
  }

  with(...contracts: EventContract[]): EventCatalog {
    return new EventCatalog([...this.contracts, ...contracts]);
  }

  /** Parses raw bytes or an object and validates envelope and data against the contract. */
  decode(raw: Buffer | string | unknown): DecodedEvent {
    let value: unknown = raw;
    if (Buffer.isBuffer(raw) || typeof raw === 'string') {
      try {
        value = JSON.parse(raw.toString());
      } catch (error) {
        return { ok: false, reason: 'malformed', detail: `not JSON: ${(error as Error).message}` };
      }
    }
    const envelope = envelopeSchema.safeParse(value);
    if (!envelope.success) {
      const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
      return {
        ok: false,
        reason: 'envelope-invalid',
        detail: zodIssues(envelope.error).map((i) => `${i.path} ${i.message}`).join('; '),
        type: typeof type === 'string' ? type : undefined,
      };
    }
    const contract = this.byType.get(envelope.data.type);
    if (!contract) return { ok: false, reason: 'unknown-type', detail: `unknown event type ${envelope.data.type}`, type: envelope.data.type };
    const data = contract.schema.safeParse(envelope.data.data);
    if (!data.success) {
      return {
        ok: false,
        reason: 'data-invalid',
        detail: zodIssues(data.error).map((i) => `data.${i.path} ${i.message}`).join('; '),
        type: contract.type,
      };
    }
    return { ok: true, envelope: { ...envelope.data, data: data.data }, contract };
  }
}
