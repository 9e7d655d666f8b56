import { Module } from '@nestjs/common';
import { CanteensRepository } from '../canteens/canteens.repository';
import { OperatorsController } from './operators.controller';
import { OperatorsHandlers } from './operators.handlers';
import { OperatorsRepository } from './operators.repository';
import { OperatorsService } from './operators.service';

@Module({ controllers: [OperatorsController, OperatorsHandlers], providers: [OperatorsService, OperatorsRepository, CanteensRepository], exports: [OperatorsService, CanteensRepository] })
export class OperatorsModule {}
