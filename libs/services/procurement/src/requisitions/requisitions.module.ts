import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { ApprovalPolicyController } from './approval-policy.controller';
import { ApprovalPolicyService } from './approval-policy.service';
import { RequisitionsController } from './requisitions.controller';
import { RequisitionsService } from './requisitions.service';

@Module({
  imports: [BudgetsModule],
  controllers: [RequisitionsController, ApprovalPolicyController],
  providers: [RequisitionsService, ApprovalPolicyService],
  exports: [RequisitionsService],
})
export class RequisitionsModule {}
