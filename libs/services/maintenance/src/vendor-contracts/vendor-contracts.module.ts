import { Module } from '@nestjs/common';
import { VendorContractsController } from './vendor-contracts.controller';
import { VendorContractsHandlers } from './vendor-contracts.handlers';
import { VendorContractsService } from './vendor-contracts.service';

@Module({ controllers: [VendorContractsController, VendorContractsHandlers], providers: [VendorContractsService], exports: [VendorContractsService] })
export class VendorContractsModule {}
