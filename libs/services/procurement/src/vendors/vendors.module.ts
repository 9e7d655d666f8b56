import { Module } from '@nestjs/common';
import { VendorRepository } from './vendor.repository';
import { VendorSanctionsHandlers } from './vendor-sanctions.handlers';
import { VendorSuspensionSweep } from './vendor-suspension-sweep';
import { VendorsController } from './vendors.controller';
import { VendorsService } from './vendors.service';

@Module({
  controllers: [VendorsController, VendorSanctionsHandlers],
  providers: [VendorRepository, VendorsService, VendorSuspensionSweep],
  exports: [VendorsService],
})
export class VendorsModule {}
