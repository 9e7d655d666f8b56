import { Module } from '@nestjs/common';
import { VendorSanctionsHandlers } from './vendor-sanctions.handlers';
import { VendorsController } from './vendors.controller';
import { VendorsService } from './vendors.service';

@Module({ controllers: [VendorsController, VendorSanctionsHandlers], providers: [VendorsService], exports: [VendorsService] })
export class VendorsModule {}
