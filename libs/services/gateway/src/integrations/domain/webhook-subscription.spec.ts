import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { SubscriptionStatus, WebhookSubscription, checkEventTypes, checkWebhookUrl, disableSubscription, enableSubscription, subscribe, wantsEvent } from './webhook-subscription';

const REPORTED = 'houqin.maintenance.repair-request.reported.v1';
const CANCELLED = 'houqin.maintenance.repair-request.cancelled.v1';
const VENDOR = 'houqin.procurement.vendor.registered.v1';
const KNOWN = new Set([REPORTED, CANCELLED, VENDOR]);
const clock = new FixedClock(new Date('2026-12-01T08:00:00Z'));

function violation(action: () => unknown): BusinessRuleViolation {
  try {
    action();
  } catch (error) {
    if (error instanceof BusinessRuleViolation) return error;
    throw error;
  }
  throw new Error('expected a business rule violation');
}

const input = { id: 'sub-1', agencyId: 'agency-a', url: 'https://erp.example.gov.cn/houqin', eventTypes: [REPORTED], createdBy: 'user-1' };

describe('subscribing to webhooks', () => {
  it('opens an active subscription of the agency for the asked event types', () => {
    const subscription = subscribe({ ...input, eventTypes: [REPORTED, CANCELLED, REPORTED], description: '  ERP sync ' }, KNOWN, clock);
    expect(subscription).toEqual({
      id: 'sub-1',
      agencyId: 'agency-a',
      url: 'https://erp.example.gov.cn/houqin',
      eventTypes: [REPORTED, CANCELLED],
      description: 'ERP sync',
      status: 'active',
      createdBy: 'user-1',
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
  });

  it('accepts https and http URLs, with ports and paths', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8443/hooks?source=houqin')).toBe('http://127.0.0.1:8443/hooks?source=houqin');
    expect(checkWebhookUrl(' https://hooks.example.cn ')).toBe('https://hooks.example.cn/');
  });

  it.each([
    ['not a url', 'absolute URL'],
    ['ftp://files.example.cn/in', 'https'],
    ['https://user:secret@hooks.example.cn/', 'credentials'],
    ['https://hooks.example.cn/#part', 'fragment'],
    [`https://hooks.example.cn/${'a'.repeat(2100)}`, 'characters'],
  ])('refuses the URL %s, naming the url field', (url, reason) => {
    const error = violation(() => subscribe({ ...input, url }, KNOWN, clock));
    expect(error.field).toBe('url');
    expect(error.code).toBe('webhook-url-invalid');
    expect(error.message).toContain(reason);
  });

  it('refuses event types the platform does not publish, naming them and the eventTypes field', () => {
    const error = violation(() => subscribe({ ...input, eventTypes: [REPORTED, 'houqin.maintenance.repair-request.exploded.v1'] }, KNOWN, clock));
    expect(error).toMatchObject({ code: 'unknown-event-type', field: 'eventTypes' });
    expect(error.message).toContain('houqin.maintenance.repair-request.exploded.v1');
  });

  it('refuses an empty list of event types', () => {
    expect(violation(() => subscribe({ ...input, eventTypes: [] }, KNOWN, clock))).toMatchObject({ code: 'event-types-required', field: 'eventTypes' });
  });

  it('keeps an integrator within the event types of its API key', () => {
    expect(subscribe(input, KNOWN, clock, [REPORTED, CANCELLED]).eventTypes).toEqual([REPORTED]);
    const error = violation(() => subscribe({ ...input, eventTypes: [REPORTED, VENDOR] }, KNOWN, clock, [REPORTED]));
    expect(error).toMatchObject({ code: 'event-type-not-granted', field: 'eventTypes' });
    expect(error.message).toContain(VENDOR);
  });

  it('names the field the caller used, for the event stream its types query', () => {
    expect(violation(() => checkEventTypes(['nope'], KNOWN, { field: 'types' }))).toMatchObject({ field: 'types' });
  });

  it('refuses a description over 500 characters', () => {
    expect(violation(() => subscribe({ ...input, description: 'x'.repeat(501) }, KNOWN, clock))).toMatchObject({ field: 'description' });
  });
});

describe('disabling and enabling a subscription', () => {
  const active = subscribe(input, KNOWN, clock);

  it('disables an active subscription and enables it again', () => {
    const disabled = disableSubscription(active, clock);
    expect(disabled.status).toBe('disabled');
    expect(enableSubscription(disabled, clock).status).toBe('active');
  });

  it('refuses to disable a disabled one or enable an active one', () => {
    expect(() => enableSubscription(active, clock)).toThrow(IllegalTransitionError);
    expect(() => disableSubscription(disableSubscription(active, clock), clock)).toThrow(IllegalTransitionError);
  });
});

describe('which subscriptions are owed an event', () => {
  const subscription = subscribe({ ...input, eventTypes: [REPORTED, CANCELLED] }, KNOWN, clock);

  it('owes an event of a subscribed type of its own agency', () => {
    expect(wantsEvent(subscription, { agencyId: 'agency-a', type: CANCELLED })).toBe(true);
  });

  it('never owes another agency’s event', () => {
    expect(wantsEvent(subscription, { agencyId: 'agency-b', type: REPORTED })).toBe(false);
  });

  it('does not owe a type it did not ask for', () => {
    expect(wantsEvent(subscription, { agencyId: 'agency-a', type: VENDOR })).toBe(false);
  });

  it('owes nothing while disabled', () => {
    expect(wantsEvent(disableSubscription(subscription, clock), { agencyId: 'agency-a', type: REPORTED })).toBe(false);
  });
});

/*
 * The whole state × action table of a webhook subscription, written out from the business: an
 * active subscription is disabled and enabled again; disabling a disabled one or enabling an active
 * one is an illegal transition naming the state ('409').
 */
type SubscriptionAction = 'disable' | 'enable';
const SUBSCRIPTION_TABLE: Record<SubscriptionStatus, Record<SubscriptionAction, SubscriptionStatus | '409'>> = {
  active: { disable: 'disabled', enable: '409' },
  disabled: { disable: '409', enable: 'active' },
};

describe('the webhook subscription state × action table', () => {
  const perform: Record<SubscriptionAction, (subscription: WebhookSubscription) => WebhookSubscription> = {
    disable: (subscription) => disableSubscription(subscription, clock),
    enable: (subscription) => enableSubscription(subscription, clock),
  };
  const cells = (Object.keys(SUBSCRIPTION_TABLE) as SubscriptionStatus[]).flatMap((state) =>
    (Object.keys(perform) as SubscriptionAction[]).map((action) => [state, action, SUBSCRIPTION_TABLE[state][action]] as const),
  );

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    const subscription: WebhookSubscription = { ...subscribe(input, KNOWN, clock), status: state };
    if (expected === '409') {
      expect(() => perform[action](subscription)).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](subscription).status).toBe(expected);
    }
  });
});
