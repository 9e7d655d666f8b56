import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { InspectionsController } from './inspections.controller';
import { InspectionsRepository } from './inspections.repository';
import { InspectionsService } from './inspections.service';

@Module({ imports: [OperatorsModule], controllers: [InspectionsController], providers: [InspectionsService, InspectionsRepository] })
export class InspectionsModule {}
