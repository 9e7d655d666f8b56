import { z } from 'zod';
import { defineEvent } from '../event-contract';

export const VEHICLE_TYPES = ['sedan', 'suv', 'minibus', 'bus', 'van', 'truck'] as const;
export const VEHICLE_FUELS = ['petrol', 'diesel', 'electric', 'hybrid'] as const;
export const VEHICLE_STATUSES = ['available', 'in-service', 'retired'] as const;

/** Normalised Chinese plate: province, issuing-office letter, five (or six for new energy) characters. */
const PlateNumber = z.string().regex(/^\p{Script=Han}[A-HJ-NP-Z][A-HJ-NP-Z0-9]{5,6}$/u);

export const VehicleRegistered = defineEvent({
  service: 'transport',
  aggregate: 'vehicle',
  action: 'registered',
  version: 1,
  description: 'An official vehicle (公务用车) joined the agency\'s fleet and is available for dispatch.',
  schema: z.object({
    vehicleId: z.string().uuid(),
    plateNumber: PlateNumber,
    vehicleType: z.enum(VEHICLE_TYPES),
    seats: z.number().int().min(1).max(60),
    odometerKm: z.number().int().min(0),
    fuel: z.enum(VEHICLE_FUELS),
    status: z.literal('available'),
    registeredBy: z.string().min(1),
    registeredAt: z.string().datetime({ offset: true }),
  }),
});

export const VehicleSentForService = defineEvent({
  service: 'transport',
  aggregate: 'vehicle',
  action: 'sent-for-service',
  version: 1,
  description: 'A vehicle went out for maintenance or repair: it cannot be dispatched until it returns.',
  schema: z.object({
    vehicleId: z.string().uuid(),
    plateNumber: PlateNumber,
    status: z.literal('in-service'),
    reason: z.string().min(1).max(1000),
    odometerKm: z.number().int().min(0),
    sentBy: z.string().min(1),
    sentAt: z.string().datetime({ offset: true }),
  }),
});

export const VehicleReturnedFromService = defineEvent({
  service: 'transport',
  aggregate: 'vehicle',
  action: 'returned-from-service',
  version: 1,
  description: 'A vehicle came back from maintenance and is available for dispatch again.',
  schema: z.object({
    vehicleId: z.string().uuid(),
    plateNumber: PlateNumber,
    status: z.literal('available'),
    odometerKm: z.number().int().min(0),
    serviceReason: z.string().min(1).max(1000),
    sentAt: z.string().datetime({ offset: true }),
    returnedBy: z.string().min(1),
    returnedAt: z.string().datetime({ offset: true }),
  }),
});

export const VehicleRetired = defineEvent({
  service: 'transport',
  aggregate: 'vehicle',
  action: 'retired',
  version: 1,
  description: 'A vehicle left the fleet for good (scrapped, sold or transferred), with the reason.',
  schema: z.object({
    vehicleId: z.string().uuid(),
    plateNumber: PlateNumber,
    status: z.literal('retired'),
    previousStatus: z.enum(VEHICLE_STATUSES),
    reason: z.string().min(1).max(1000),
    odometerKm: z.number().int().min(0),
    retiredBy: z.string().min(1),
    retiredAt: z.string().datetime({ offset: true }),
  }),
});

/** Why a vehicle is due for service: it reached the due kilometres, the due date arrived, or both at once. */
export const SERVICE_DUE_REASONS = ['distance', 'date', 'distance-and-date'] as const;

/** A calendar date in China Standard Time, YYYY-MM-DD. */
const CalendarDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

export const VehicleServiceDue = defineEvent({
  service: 'transport',
  aggregate: 'vehicle',
  action: 'service-due',
  version: 1,
  description:
    "A vehicle reached its next scheduled service (保养到期) by distance, by date or both: maintenance raises the service work order. Published once per due occurrence — by the odometer reading that reached the due kilometres (recordedBy the user who recorded it), or by the sweep once the due date arrives (recordedBy system) — never while the vehicle is in the workshop. Its return from service starts the next occurrence.",
  schema: z.object({
    vehicleId: z.string().uuid(),
    plateNumber: PlateNumber,
    vehicleType: z.enum(VEHICLE_TYPES),
    /** The odometer when the due service was detected, whole kilometres. */
    odometerKm: z.number().int().min(0),
    /** Present when the schedule has a distance interval. */
    dueAtKm: z.number().int().min(0).optional(),
    /** Present when the schedule has a time interval. */
    dueOn: CalendarDate.optional(),
    intervalKm: z.number().int().positive().optional(),
    intervalMonths: z.number().int().positive().optional(),
    reason: z.enum(SERVICE_DUE_REASONS),
    detectedAt: z.string().datetime({ offset: true }),
    /** The user whose odometer reading reached the due kilometres, or `system` for the sweep. */
    recordedBy: z.string().min(1),
  }),
});

export const VehicleServiced = defineEvent({
  service: 'transport',
  aggregate: 'vehicle',
  action: 'serviced',
  version: 1,
  description:
    "Maintenance verified the vehicle's service work order: the service is done and the schedule counts from it (the next due kilometres and date). A vehicle still in the workshop came back at the same moment (vehicle.returned-from-service goes out too).",
  schema: z.object({
    vehicleId: z.string().uuid(),
    plateNumber: PlateNumber,
    workOrderId: z.string().uuid(),
    odometerKm: z.number().int().min(0),
    /** The next service, when the vehicle has a schedule. */
    nextDueAtKm: z.number().int().min(0).optional(),
    nextDueOn: CalendarDate.optional(),
    returnedFromWorkshop: z.boolean(),
    verifiedBy: z.string().min(1),
    servicedAt: z.string().datetime({ offset: true }),
  }),
});

/** The documents a vehicle (insurance, annual inspection 年检) or a driver (licence, health check) must hold valid to be dispatched. */
export const FLEET_DOCUMENTS = ['insurance', 'annual-inspection', 'driving-licence', 'health-check'] as const;

export const FleetDocumentExpiring = defineEvent({
  service: 'transport',
  aggregate: 'fleet-document',
  action: 'expiring',
  version: 1,
  description:
    "A vehicle's insurance or annual inspection (年检), or a driver's licence or health check, expires within the agency's warning period, or has expired: from the day after expiresOn the vehicle or driver is not dispatched. Published once per document and expiry date by the document sweep (a renewal with a new date warns again when that one nears).",
  schema: z.object({
    holder: z.enum(['vehicle', 'driver']),
    /** The vehicle's or the driver's id. */
    holderId: z.string().uuid(),
    /** The plate, or the driver's name. */
    holderName: z.string().min(1),
    document: z.enum(FLEET_DOCUMENTS),
    expiresOn: CalendarDate,
    /** Days from the sweep's day (China Standard Time) to expiresOn; zero or less once expired. */
    daysLeft: z.number().int(),
    expired: z.boolean(),
    detectedAt: z.string().datetime({ offset: true }),
  }),
});

/** Who drove: a vehicle and driver of the agency's own fleet, or a rental vendor under a transport contract. */
const TripAssignment = {
  kind: z.enum(['fleet', 'rental']),
  vehicleId: z.string().uuid().optional(),
  plateNumber: PlateNumber.optional(),
  driverId: z.string().uuid().optional(),
  /** Present for a rental: the vendor and its transport contract. */
  vendorId: z.string().uuid().optional(),
  contractId: z.string().uuid().optional(),
};

export const TripCompleted = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'completed',
  version: 1,
  description:
    'An official trip (出车) ended: the distance driven, its costs in fen (fuel, tolls, parking, the rental charge) and cost per km, and punctuality (departure on time against the requested start, five minutes grace). The completion of a transport service instance: evaluation surveys the requester and fills the transport KPIs against the party that drove (the internal team or the rental vendor).',
  schema: z.object({
    tripId: z.string().uuid(),
    requestedBy: z.string().min(1),
    passengers: z.number().int().positive(),
    ...TripAssignment,
    requestedStartAt: z.string().datetime({ offset: true }),
    requestedEndAt: z.string().datetime({ offset: true }),
    startedAt: z.string().datetime({ offset: true }),
    endedAt: z.string().datetime({ offset: true }),
    onTime: z.boolean(),
    lateMinutes: z.number().int().nonnegative(),
    distanceKm: z.number().int().nonnegative(),
    fuelFen: z.number().int().nonnegative(),
    tollsFen: z.number().int().nonnegative(),
    parkingFen: z.number().int().nonnegative(),
    rentalFen: z.number().int().nonnegative(),
    costFen: z.number().int().nonnegative(),
    /** costFen ÷ distanceKm, rounded half up; absent when nothing was driven. */
    costPerKmFen: z.number().int().nonnegative().optional(),
    completedBy: z.string().min(1),
  }),
});

export const TripCancelled = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'cancelled',
  version: 1,
  description:
    "A trip was cancelled before it started, or closed as a no-show (the passengers did not come): its vehicle and driver are free again, and evaluation issues no survey (an unanswered one is withdrawn).",
  schema: z.object({
    tripId: z.string().uuid(),
    outcome: z.enum(['cancelled', 'no-show']),
    previousStatus: z.string().min(1),
    reason: z.string().min(1).max(1000),
    ...TripAssignment,
    cancelledBy: z.string().min(1),
    cancelledAt: z.string().datetime({ offset: true }),
  }),
});

export const TripRated = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'rated',
  version: 1,
  description: 'The requester rated a completed trip (评价), once: a score from 1 to 5 and an optional comment. Evaluation counts it in the trip-rating KPI of the party that drove.',
  schema: z.object({
    tripId: z.string().uuid(),
    score: z.number().int().min(1).max(5),
    comment: z.string().max(1000).optional(),
    ...TripAssignment,
    ratedBy: z.string().min(1),
    ratedAt: z.string().datetime({ offset: true }),
  }),
});

/** Passenger ranks (职级), lowest first: 办事员/科员, 科级, 处级, 局级, 部级. */
export const TRIP_PASSENGER_RANKS = ['staff', 'section', 'division', 'bureau', 'ministry'] as const;
/** The agency's rules a trip request tripped over, each asking for an approver: none and the policy approves it at once. */
export const TRIP_APPROVAL_REASONS = ['distance', 'out-of-city', 'after-hours', 'passenger-rank'] as const;
/** Who approves a trip no rule held back. */
export const TRIP_POLICY_APPROVER = 'policy';

const TripWindow = {
  /** The requested window, half-open [startsAt, endsAt). */
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
};

export const TripRequested = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'requested',
  version: 1,
  description:
    "A member of staff requested an official trip (用车申请): purpose, passengers and their rank, where from and to, the estimated distance and the window. approvedByPolicy says whether the agency's approval policy approved it at once (trip.approved by policy follows in the same transaction); otherwise approvalReasons names the rules that ask for an approver.",
  schema: z.object({
    tripId: z.string().uuid(),
    requestedBy: z.string().min(1),
    purpose: z.string().min(1).max(1000),
    passengers: z.number().int().min(1).max(60),
    passengerRank: z.enum(TRIP_PASSENGER_RANKS),
    origin: z.string().min(1),
    destination: z.string().min(1),
    distanceKm: z.number().int().nonnegative(),
    outOfCity: z.boolean(),
    ...TripWindow,
    vehicleType: z.enum(VEHICLE_TYPES).optional(),
    status: z.enum(['approved', 'pending-approval']),
    approvedByPolicy: z.boolean(),
    /** Why the trip waits for an approver, in the policy's order; empty when the policy approved it. */
    approvalReasons: z.array(z.enum(TRIP_APPROVAL_REASONS)),
    requestedAt: z.string().datetime({ offset: true }),
  }),
});

export const TripApproved = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'approved',
  version: 1,
  description:
    "A trip request was approved (审批通过): by an approver who is not the requester, for the rules in approvalReasons that asked for one, or by the agency's policy (approvedBy `policy`, approvalReasons empty) when no rule did. The trip can now be dispatched.",
  schema: z.object({
    tripId: z.string().uuid(),
    requestedBy: z.string().min(1),
    /** The approver's user id, or `policy`. */
    approvedBy: z.string().min(1),
    approvalReasons: z.array(z.enum(TRIP_APPROVAL_REASONS)),
    note: z.string().max(1000).optional(),
    ...TripWindow,
    approvedAt: z.string().datetime({ offset: true }),
  }),
});

export const TripRejected = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'rejected',
  version: 1,
  description: 'An approver who is not the requester refused a trip request (审批不通过), with the reason; the trip is closed and books nothing.',
  schema: z.object({
    tripId: z.string().uuid(),
    requestedBy: z.string().min(1),
    rejectedBy: z.string().min(1),
    reason: z.string().min(1).max(1000),
    approvalReasons: z.array(z.enum(TRIP_APPROVAL_REASONS)),
    ...TripWindow,
    rejectedAt: z.string().datetime({ offset: true }),
  }),
});

export const TripDispatched = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'dispatched',
  version: 1,
  description:
    'An approved trip was dispatched (派车): to a vehicle and driver of the fleet, booked over the window (PostgreSQL keeps either from being booked twice), or to a rental vendor under its transport contract. dispatchedBy is the fleet operator who decided it.',
  schema: z.object({
    tripId: z.string().uuid(),
    requestedBy: z.string().min(1),
    ...TripAssignment,
    /** Fleet trips: the driver's name. */
    driverName: z.string().min(1).optional(),
    /** Rental trips: the vendor's name. */
    vendorName: z.string().min(1).optional(),
    ...TripWindow,
    dispatchedBy: z.string().min(1),
    dispatchedAt: z.string().datetime({ offset: true }),
  }),
});

export const TripRentalConfirmed = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'rental-confirmed',
  version: 1,
  description:
    "The rental vendor answered a trip dispatched to it (租车响应): the vehicle and driver it sends, how many minutes after the dispatch it answered, and whether that was within its transport contract's dispatch response time (maxDispatchResponseMinutes). A late answer follows trip.rental-response-breached unless the sweep published that first. The driver's phone stays on the trip.",
  schema: z.object({
    tripId: z.string().uuid(),
    vendorId: z.string().uuid(),
    contractId: z.string().uuid(),
    plateNumber: PlateNumber,
    driverName: z.string().min(1).max(100),
    ...TripWindow,
    dispatchedAt: z.string().datetime({ offset: true }),
    /** dispatchedAt + targetMinutes: an answer at or before it is within the SLA. */
    deadline: z.string().datetime({ offset: true }),
    targetMinutes: z.number().int().positive(),
    /** Whole minutes from the dispatch to the answer, rounded up. */
    responseMinutes: z.number().int().nonnegative(),
    withinSla: z.boolean(),
    /** The vendor's user who answered. */
    confirmedBy: z.string().min(1),
    confirmedAt: z.string().datetime({ offset: true }),
  }),
});

export const TripRentalResponseBreached = defineEvent({
  service: 'transport',
  aggregate: 'trip',
  action: 'rental-response-breached',
  version: 1,
  description:
    "A rental vendor did not answer a trip dispatched to it within its transport contract's dispatch response time (响应超时): counted against the vendor in evaluation (a violation priced under the contract's dispatch-response-late penalty rule). Published once per trip, by the sweep when the deadline passes unanswered or by the late answer, whichever comes first; a trip cancelled before its deadline is not breached.",
  schema: z.object({
    tripId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    vendorId: z.string().uuid(),
    contractId: z.string().uuid(),
    dispatchedAt: z.string().datetime({ offset: true }),
    deadline: z.string().datetime({ offset: true }),
    targetMinutes: z.number().int().positive(),
    breachedAt: z.string().datetime({ offset: true }),
  }),
});

export const TRANSPORT_TRIP_EVENTS = [
  FleetDocumentExpiring,
  TripRequested,
  TripApproved,
  TripRejected,
  TripDispatched,
  TripRentalConfirmed,
  TripRentalResponseBreached,
  TripCompleted,
  TripCancelled,
  TripRated,
] as const;
