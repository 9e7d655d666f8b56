import { Module } from '@nestjs/common';
import { VendorPerformanceModule } from '../vendor-performance/vendor-performance.module';
import { VendorsModule } from '../vendors/vendors.module';
import { BidSealer } from './bid-sealer';
import { TendersController } from './tenders.controller';
import { TendersService } from './tenders.service';

@Module({ imports: [VendorsModule, VendorPerformanceModule], controllers: [TendersController], providers: [TendersService, BidSealer] })
export class TendersModule {}
