import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { MenusController } from './menus.controller';
import { MenusRepository } from './menus.repository';
import { MenusService } from './menus.service';

@Module({ imports: [OperatorsModule], controllers: [MenusController], providers: [MenusService, MenusRepository], exports: [MenusRepository] })
export class MenusModule {}
