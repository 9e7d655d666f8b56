import { Module } from '@nestjs/common';
import { ContractExpirySweep } from './contract-expiry';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

@Module({
  controllers: [ContractsController],
  providers: [ContractsService, ContractExpirySweep],
})
export class ContractsModule {}
