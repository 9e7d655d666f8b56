/** Injection tokens of the service kit. */
export const SERVICE_CONFIG = Symbol('houqin.service-config');
export const SERVICE_LOGGER = Symbol('houqin.service-logger');
export const SERVICE_DEFINITION = Symbol('houqin.service-definition');
export const EVENT_TRANSPORT = Symbol('houqin.event-transport');
/** The Clock (`@houqin/domain`) use cases read "now" from; tests start a service with a FixedClock. */
export const CLOCK = Symbol('houqin.clock');
