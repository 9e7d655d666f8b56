import { EventCatalog } from '../catalog';
import { RepairRequestCancelled, RepairRequestReported } from './maintenance.events';

export * from './maintenance.events';

/** Every event type the platform publishes. The AsyncAPI document is generated from this list. */
export const platformEvents = new EventCatalog([RepairRequestReported, RepairRequestCancelled]);
