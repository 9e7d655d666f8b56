import { Module } from '@nestjs/common';
import { IdempotentCommands1767500000000, MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { BudgetCommitmentRecord, BudgetRecord } from './budgets/budget.entity';
import { BudgetsModule } from './budgets/budgets.module';
import { ContractRecord } from './contracts/contract.entity';
import { ContractsModule } from './contracts/contracts.module';
import { ProcurementDashboardModule } from './dashboard/dashboard.module';
import { StockBalanceRecord, StockItemRecord, StockMovementRecord, StoreRoomRecord } from './inventory/inventory.entity';
import { InventoryModule } from './inventory/inventory.module';
import { Vendors1764202000000 } from './migrations/1764202000000-vendors';
import { Inventory1764700000000 } from './migrations/1764700000000-inventory';
import { Orders1764900000000 } from './migrations/1764900000000-orders';
import { OrdersFromTenders1764910000000 } from './migrations/1764910000000-orders-from-tenders';
import { OrderBudgetOverride1764920000000 } from './migrations/1764920000000-order-budget-override';
import { OneContractPerSource1764930000000 } from './migrations/1764930000000-one-contract-per-source';
import { StockIssueWorkOrder1764940000000 } from './migrations/1764940000000-stock-issue-work-order';
import { VendorReinstatement1764950000000 } from './migrations/1764950000000-vendor-reinstatement';
import { BudgetsRequisitions1764500000000 } from './migrations/1764500000000-budgets-requisitions';
import { ApprovalPolicyRecord, RequisitionRecord } from './requisitions/requisition.entity';
import { PurchaseOrderInvoiceRecord, PurchaseOrderReceiptRecord, PurchaseOrderRecord } from './orders/purchase-order.entity';
import { PurchaseOrdersModule } from './orders/purchase-orders.module';
import { RequisitionsModule } from './requisitions/requisitions.module';
import { Tenders1764600000000 } from './migrations/1764600000000-tenders';
import { Contracts1764800000000 } from './migrations/1764800000000-contracts';
import { procurementEnvironment } from './procurement.config';
import { BidRecord, ScoreRecord, TenderRecord } from './tenders/tender.entity';
import { TendersModule } from './tenders/tenders.module';
import { VendorPerformance1766280000000 } from './vendor-performance/migrations/1766280000000-vendor-performance';
import { VendorPerformanceRecord } from './vendor-performance/vendor-performance.entity';
import { QualificationRecord } from './vendors/qualification.entity';
import { VendorRecord } from './vendors/vendor.entity';
import { VendorsModule } from './vendors/vendors.module';

@Module({ imports: [VendorsModule, BudgetsModule, RequisitionsModule, InventoryModule, ProcurementDashboardModule, TendersModule, PurchaseOrdersModule, ContractsModule] })
export class ProcurementModule {}

export const procurementService: ServiceDefinition = {
  name: 'procurement',
  title: 'Houqin procurement',
  description: 'Vendor registry (供应商库) and qualifications, budgets, requisitions (采购申请) and their approval, tenders, contracts, purchase orders, receipts and inventory.',
  module: ProcurementModule,
  persistence: {
    entities: [VendorRecord, BudgetRecord, BudgetCommitmentRecord, RequisitionRecord, ApprovalPolicyRecord, StoreRoomRecord, StockItemRecord, StockBalanceRecord, StockMovementRecord, QualificationRecord, TenderRecord, BidRecord, ScoreRecord, PurchaseOrderRecord, PurchaseOrderReceiptRecord, PurchaseOrderInvoiceRecord, ContractRecord, VendorPerformanceRecord],
    migrations: [MessagingTables1764201600000, IdempotentCommands1767500000000, Vendors1764202000000, BudgetsRequisitions1764500000000, Inventory1764700000000, Tenders1764600000000, Contracts1764800000000, Orders1764900000000, OrdersFromTenders1764910000000, OrderBudgetOverride1764920000000, OneContractPerSource1764930000000, StockIssueWorkOrder1764940000000, VendorReinstatement1764950000000, VendorPerformance1766280000000],
  },
  environment: procurementEnvironment,
};
