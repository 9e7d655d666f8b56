import { EventContract, EventEnvelope, MealServed, TripCancelled, TripCompleted, WorkOrderCancelled, WorkOrderVerified } from '@houqin/contracts';
import { INTERNAL_TEAM_PARTY, ServiceType, vendorParty } from '../kpis/domain/evaluated-party';
import type { CompletedService } from './domain/survey';

/**
 * Which events complete a service instance (a survey is issued to the person served) and which
 * cancel one (no survey; an unanswered one is withdrawn). One entry per event type: when transport
 * publishes trip.completed or catering meal.served, each is one more entry in these tables.
 */
export interface CompletionTrigger {
  type: string;
  /** The completed instance, or null when it serves no one to ask (e.g. a preventive plan's work). */
  completed(event: EventEnvelope): CompletedService | null;
}

export interface CancellationTrigger {
  type: string;
  cancelled(event: EventEnvelope): { serviceType: ServiceType; instanceId: string; reason: string; cancelledAt: Date };
}

function completion<T>(contract: EventContract<T>, completed: (data: T, event: EventEnvelope<T>) => CompletedService | null): CompletionTrigger {
  return { type: contract.type, completed: (event) => completed(event.data as T, event as EventEnvelope<T>) };
}

function cancellation<T>(contract: EventContract<T>, cancelled: (data: T) => ReturnType<CancellationTrigger['cancelled']>): CancellationTrigger {
  return { type: contract.type, cancelled: (event) => cancelled(event.data as T) };
}

export const SURVEY_COMPLETIONS: readonly CompletionTrigger[] = [
  // 验收: the repair request's reporter confirmed the fix. Raised work (preventive plans, vehicle
  // service) served no one who asked for it, so it gets no survey.
  completion(WorkOrderVerified, (data, event) =>
    data.origin !== 'repair-request'
      ? null
      : {
          agencyId: event.agencyid,
          serviceType: 'maintenance',
          instanceId: data.workOrderId,
          party: data.vendorId ? vendorParty(data.vendorId) : INTERNAL_TEAM_PARTY,
          respondentId: data.reportedBy,
          completedAt: new Date(data.verifiedAt),
        },
  ),
  // 就餐: the staff member served is asked about the canteen's operator (a reception meal's guests are not asked).
  completion(MealServed, (data, event) =>
    !data.dinerId
      ? null
      : {
          agencyId: event.agencyid,
          serviceType: 'catering',
          instanceId: data.mealId,
          party: data.vendorId ? vendorParty(data.vendorId) : INTERNAL_TEAM_PARTY,
          respondentId: data.dinerId,
          completedAt: new Date(data.servedAt),
        },
  ),
  // 出车: the requester is asked about the trip, against the rental vendor that drove it or the internal team.
  completion(TripCompleted, (data, event) => ({
    agencyId: event.agencyid,
    serviceType: 'transport',
    instanceId: data.tripId,
    party: data.kind === 'rental' && data.vendorId ? vendorParty(data.vendorId) : INTERNAL_TEAM_PARTY,
    respondentId: data.requestedBy,
    completedAt: new Date(data.endedAt),
  })),
];

export const SURVEY_CANCELLATIONS: readonly CancellationTrigger[] = [
  cancellation(WorkOrderCancelled, (data) => ({ serviceType: 'maintenance', instanceId: data.workOrderId, reason: data.reason, cancelledAt: new Date(data.cancelledAt) })),
  cancellation(TripCancelled, (data) => ({ serviceType: 'transport', instanceId: data.tripId, reason: data.reason, cancelledAt: new Date(data.cancelledAt) })),
];

export const SURVEY_COMPLETION_TYPES = SURVEY_COMPLETIONS.map((trigger) => trigger.type);
export const SURVEY_CANCELLATION_TYPES = SURVEY_CANCELLATIONS.map((trigger) => trigger.type);
