import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { InventoryModule } from '../inventory/inventory.module';
import { RequisitionsModule } from '../requisitions/requisitions.module';
import { PurchaseOrdersController, VendorDeliveryController } from './purchase-orders.controller';
import { PurchaseOrdersService } from './purchase-orders.service';

@Module({
  imports: [BudgetsModule, RequisitionsModule, InventoryModule],
  controllers: [PurchaseOrdersController, VendorDeliveryController],
  providers: [PurchaseOrdersService],
})
export class PurchaseOrdersModule {}
