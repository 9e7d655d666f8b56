import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';

/**
 * A webhook subscription: an agency asks the platform to POST the events of some types to a URL of
 * theirs. Only an active subscription receives new events; a disabled one keeps its history and its
 * pending deliveries, which resume when it is enabled again.
 */
export type SubscriptionStatus = 'active' | 'disabled';

export interface WebhookSubscription {
  id: string;
  agencyId: string;
  url: string;
  eventTypes: string[];
  description: string;
  status: SubscriptionStatus;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_EVENT_TYPES = 100;
export const MAX_DESCRIPTION_LENGTH = 500;

/**
 * An absolute http(s) URL without credentials: the signing secret, not a password in the URL,
 * authenticates the platform to the receiver, and a URL is shown in the delivery log.
 */
export function checkWebhookUrl(raw: string): string {
  const value = raw.trim();
  const refuse = (detail: string) => new BusinessRuleViolation('webhook-url-invalid', `url ${detail}`, 'url');
  if (value.length === 0 || value.length > MAX_WEBHOOK_URL_LENGTH) throw refuse(`must be 1–${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('must be an absolute URL such as https://erp.example.gov.cn/houqin/events');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('must use https (or http)');
  if (!url.hostname) throw refuse('must name a host');
  if (url.username || url.password) throw refuse('must not carry credentials; verify the Houqin-Signature header instead');
  if (url.hash) throw refuse('must not have a fragment');
  return url.href;
}

/**
 * The event types a subscriber or stream asks for: each must be a platform event type, and — for an
 * integrator's API key — one its key was granted. Duplicates collapse; the order is kept.
 */
export function checkEventTypes(requested: readonly string[], known: ReadonlySet<string>, options: { field: string; granted?: readonly string[] }): string[] {
  const types = [...new Set(requested.map((type) => type.trim()))];
  if (types.length === 0 || types.some((type) => type.length === 0)) {
    throw new BusinessRuleViolation('event-types-required', `${options.field} must list at least one event type`, options.field);
  }
  if (types.length > MAX_EVENT_TYPES) throw new BusinessRuleViolation('too-many-event-types', `${options.field} lists more than ${MAX_EVENT_TYPES} types`, options.field);
  const unknown = types.filter((type) => !known.has(type));
  if (unknown.length > 0) {
    throw new BusinessRuleViolation('unknown-event-type', `${options.field}: no platform event type ${unknown.join(', ')} (see docs/asyncapi.yaml)`, options.field);
  }
  if (options.granted) {
    const granted = new Set(options.granted);
    const refused = types.filter((type) => !granted.has(type));
    if (refused.length > 0) {
      throw new BusinessRuleViolation('event-type-not-granted', `${options.field}: the API key is not granted ${refused.join(', ')}`, options.field);
    }
  }
  return types;
}

export interface NewSubscription {
  id: string;
  agencyId: string;
  url: string;
  eventTypes: readonly string[];
  description?: string;
  createdBy: string;
}

export function subscribe(input: NewSubscription, known: ReadonlySet<string>, clock: Clock, granted?: readonly string[]): WebhookSubscription {
  const description = (input.description ?? '').trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new BusinessRuleViolation('description-too-long', `description must be at most ${MAX_DESCRIPTION_LENGTH} characters`, 'description');
  }
  const now = clock.now();
  return {
    id: input.id,
    agencyId: input.agencyId,
    url: checkWebhookUrl(input.url),
    eventTypes: checkEventTypes(input.eventTypes, known, { field: 'eventTypes', ...(granted ? { granted } : {}) }),
    description,
    status: 'active',
    createdBy: input.createdBy,
    createdAt: now,
    updatedAt: now,
  };
}

export function disableSubscription(subscription: WebhookSubscription, clock: Clock): WebhookSubscription {
  if (subscription.status !== 'active') throw new IllegalTransitionError('webhook subscription', subscription.status, 'disable');
  return { ...subscription, status: 'disabled', updatedAt: clock.now() };
}

export function enableSubscription(subscription: WebhookSubscription, clock: Clock): WebhookSubscription {
  if (subscription.status !== 'disabled') throw new IllegalTransitionError('webhook subscription', subscription.status, 'enable');
  return { ...subscription, status: 'active', updatedAt: clock.now() };
}

/** What a subscription needs to know about an event to decide whether it is owed a delivery. */
export interface EventFacts {
  agencyId: string;
  type: string;
}

/** An event is delivered to the active subscriptions of its own agency that asked for its type. */
export function wantsEvent(subscription: Pick<WebhookSubscription, 'agencyId' | 'status' | 'eventTypes'>, event: EventFacts): boolean {
  return subscription.status === 'active' && subscription.agencyId === event.agencyId && subscription.eventTypes.includes(event.type);
}
