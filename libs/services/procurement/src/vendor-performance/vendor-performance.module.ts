import { Module } from '@nestjs/common';
import { VendorPerformanceHandlers } from './vendor-performance.handlers';
import { VendorPerformanceRepository } from './vendor-performance.repository';

/** Vendors' latest published scores from evaluation, for tenders' past-performance criterion. */
@Module({ controllers: [VendorPerformanceHandlers], providers: [VendorPerformanceRepository], exports: [VendorPerformanceRepository] })
export class VendorPerformanceModule {}
