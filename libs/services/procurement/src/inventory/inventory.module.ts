import { Module } from '@nestjs/common';
import { StockItemsController, StoreRoomsController } from './inventory.controller';
import { InventoryService } from './inventory.service';

@Module({ controllers: [StoreRoomsController, StockItemsController], providers: [InventoryService], exports: [InventoryService] })
export class InventoryModule {}
