import { EventCatalog } from '../catalog';
import { RepairRequestCancelled, RepairRequestReported } from './maintenance.events';
import { SlaAtRisk, SlaBreached } from './sla.events';
import {
  PreventivePlanChanged,
  PreventivePlanCreated,
  PreventivePlanOccurrenceRaised,
  PreventivePlanOccurrenceSkipped,
  PreventivePlanPaused,
  PreventivePlanResumed,
  PreventivePlanRetired,
} from './preventive-plan.events';
import {
  WorkOrderAccepted,
  WorkOrderAssigned,
  WorkOrderCancelled,
  WorkOrderClosed,
  WorkOrderCompleted,
  WorkOrderHeld,
  WorkOrderReopened,
  WorkOrderResumed,
  WorkOrderStarted,
  WorkOrderTriaged,
  WorkOrderVerified,
} from './work-order.events';
import { WorkOrderCostRecorded, WorkOrderCostVoided } from './work-order-cost.events';
import {
  ApprovalPolicyUpdated,
  BudgetAllocated,
  BudgetCommitted,
  RequisitionApproved,
  RequisitionRejected,
  RequisitionStepApproved,
  RequisitionSubmitted,
  RequisitionWithdrawn,
  VendorBlacklistingLifted,
  VendorRegistered,
  VendorReinstated,
  VendorSuspended,
} from './procurement.events';
import { StockAdjusted, StockIssued, StockItemLowStock, StockReceived } from './procurement-inventory.events';
import { PurchaseOrderCancelled, PurchaseOrderInvoiceMismatch, PurchaseOrderPlaced, PurchaseOrderReceived } from './purchase-order.events';
import { CATERING_EVENTS, CanteenClosed, CanteenOpened, CanteenReopened, InspectionFailed } from './catering.events';
import { ContractExpired, ContractSigned, ContractTerminated } from './contract.events';
import {
  TRANSPORT_TRIP_EVENTS,
  VehicleRegistered,
  VehicleRetired,
  VehicleReturnedFromService,
  VehicleSentForService,
  VehicleServiceDue,
  VehicleServiced,
} from './transport.events';
import { AgencyCreated, AgencyDisabled, DepartmentCreated, UserChanged, UserCreated, UserDisabled } from './gateway.events';
import { VendorSanctioned } from './evaluation.events';
import { SurveyAnswered, SurveyExpired, SurveyIssued, SurveyReminded, SurveyWithdrawn } from './survey.events';
import { ScorecardPublished, VendorScoreChanged } from './scorecard.events';
import { SUPERVISION_EVENTS } from './supervision.events';
import { COMPLAINT_EVENTS } from './complaint.events';
import { VIOLATION_EVENTS } from './violation.events';
import { RECTIFICATION_EVENTS } from './rectification.events';
import { SANCTION_EVENTS } from './sanction.events';
import { INTERNAL_AUDIT_EVENTS } from './internal-audit.events';
import { QUALIFICATION_EVENTS } from './qualification.events';
import { AUDIT_TRAIL_EVENTS } from './audit-trail.events';
import { ASSESSMENT_EVENTS } from './assessment.events';
import { TenderAwardProposed, TenderAwarded, TenderBidsOpened, TenderCancelled, TenderPublished, VendorBlacklisted } from './tendering.events';

export * from './maintenance.events';
export * from './work-order.events';
export * from './work-order-cost.events';
export * from './sla.events';
export * from './preventive-plan.events';
export * from './procurement.events';
export * from './procurement-inventory.events';
export * from './purchase-order.events';
export * from './catering.events';
export * from './transport.events';
export * from './contract.events';
export * from './gateway.events';
export * from './evaluation.events';
export * from './survey.events';
export * from './scorecard.events';
export * from './tendering.events';
export * from './supervision.events';
export * from './complaint.events';
export * from './violation.events';
export * from './rectification.events';
export * from './sanction.events';
export * from './internal-audit.events';
export * from './qualification.events';
export * from './audit-trail.events';
export * from './assessment.events';

/** Every event type the platform publishes. The AsyncAPI document is generated from this list. */
export const platformEvents = new EventCatalog([RepairRequestReported, RepairRequestCancelled,
  WorkOrderTriaged,
  WorkOrderAssigned,
  WorkOrderAccepted,
  WorkOrderStarted,
  WorkOrderHeld,
  WorkOrderResumed,
  WorkOrderCompleted,
  WorkOrderVerified,
  WorkOrderReopened,
  WorkOrderClosed,
  WorkOrderCancelled,
  WorkOrderCostRecorded,
  WorkOrderCostVoided,
  VendorRegistered,
  VendorSuspended,
  VendorReinstated,
  VendorBlacklistingLifted,
  BudgetAllocated,
  BudgetCommitted,
  ApprovalPolicyUpdated,
  RequisitionSubmitted,
  RequisitionStepApproved,
  RequisitionApproved,
  RequisitionRejected,
  RequisitionWithdrawn,
  StockReceived,
  StockIssued,
  StockAdjusted,
  StockItemLowStock,
  PurchaseOrderPlaced,
  PurchaseOrderReceived,
  PurchaseOrderCancelled,
  PurchaseOrderInvoiceMismatch,
  ContractSigned,
  ContractExpired,
  ContractTerminated,
  CanteenOpened,
  CanteenClosed,
  CanteenReopened,
  InspectionFailed,
  VehicleRegistered,
  VehicleSentForService,
  VehicleReturnedFromService,
  VehicleRetired,
  VehicleServiceDue,
  VehicleServiced,
  AgencyCreated,
  AgencyDisabled,
  DepartmentCreated,
  UserCreated,
  UserChanged,
  UserDisabled,
  VendorBlacklisted,
  TenderPublished,
  TenderBidsOpened,
  TenderAwardProposed,
  TenderAwarded,
  TenderCancelled,
  VendorSanctioned,
  SurveyIssued,
  SurveyAnswered,
  SurveyReminded,
  SurveyExpired,
  SurveyWithdrawn,
  ScorecardPublished,
  VendorScoreChanged,
  SlaAtRisk,
  SlaBreached,
  PreventivePlanCreated,
  PreventivePlanChanged,
  PreventivePlanPaused,
  PreventivePlanResumed,
  PreventivePlanRetired,
  PreventivePlanOccurrenceRaised,
  PreventivePlanOccurrenceSkipped,
  ...SUPERVISION_EVENTS,
  ...COMPLAINT_EVENTS,
  ...VIOLATION_EVENTS,
  ...RECTIFICATION_EVENTS,
  ...SANCTION_EVENTS,
  ...INTERNAL_AUDIT_EVENTS,
  ...QUALIFICATION_EVENTS,
  ...AUDIT_TRAIL_EVENTS,
  ...ASSESSMENT_EVENTS,
  ...CATERING_EVENTS,
  ...TRANSPORT_TRIP_EVENTS,
]);
