import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { SubsidySweep } from './subsidy-sweep';

@Module({ controllers: [AccountsController], providers: [AccountsService, AccountsRepository, SubsidySweep], exports: [AccountsService] })
export class AccountsModule {}
