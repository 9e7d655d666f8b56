import { Inject, Injectable } from '@nestjs/common';
import { LookupAddress, lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { RequestValidationError, SERVICE_CONFIG } from '@houqin/service-kit';
import { WebhookTargetPolicy, literalAddressOf } from './domain/webhook-target';
import { IntegrationsEnvironment } from './integrations.config';

/** How long a subscription's host may take to resolve; a host that does not resolve is checked again at delivery. */
const SUBSCRIBE_LOOKUP_BUDGET_MS = 3000;

/**
 * WebhookTargetPolicy applied where it matters: when a subscription names its URL, and on every
 * delivery, where the host is resolved, every address it resolves to is checked and the connection
 * goes to one of those checked addresses — a DNS answer that changes after the check (rebinding)
 * never reaches the network.
 */
@Injectable()
export class WebhookTargetGuard {
  readonly policy: WebhookTargetPolicy;

  constructor(@Inject(SERVICE_CONFIG) config: IntegrationsEnvironment) {
    this.policy = new WebhookTargetPolicy(config.WEBHOOK_ALLOWED_TARGETS ?? []);
  }

  /** 400 naming `url` when the host is, or now resolves to, an address webhooks may not reach. */
  async checkSubscriptionUrl(url: string): Promise<void> {
    const host = new URL(url).hostname;
    const literal = literalAddressOf(host);
    const addresses = literal ? [literal] : await resolveWithin(host, SUBSCRIBE_LOOKUP_BUDGET_MS);
    for (const address of addresses) {
      const refusal = this.policy.refusalOf(address);
      if (refusal) throw new RequestValidationError([{ field: 'url', rule: 'webhook-target', message: `must not target ${host}: ${refusal}` }]);
    }
  }

  /** Why a delivery to this URL's literal address is refused (names are checked by `lookup`). */
  refusalOfLiteral(url: URL): string | undefined {
    const literal = literalAddressOf(url.hostname);
    return literal ? this.policy.refusalOf(literal) : undefined;
  }

  /** The `lookup` of a delivery's connection: resolves, refuses unless every address is allowed. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { family: options.family ?? 0, hints: options.hints ?? 0, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((address) => this.policy.refusalOf(address.address)).find((reason) => reason !== undefined);
      const first = addresses[0];
      if (refusal || !first) {
        const refused = Object.assign(new Error(`target refused: ${refusal ?? `${hostname} has no address`}`), { code: 'ETARGETREFUSED' });
        return callback(refused, '', 0);
      }
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

/** Addresses of `host`, or none when it does not resolve in time (the delivery checks again). */
function resolveWithin(host: string, budgetMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), budgetMs);
    dnsLookup(host, { all: true }, (error, addresses: LookupAddress[]) => {
      clearTimeout(timer);
      resolve(error ? [] : addresses.map((address) => address.address));
    });
  });
}
