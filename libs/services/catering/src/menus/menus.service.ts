import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MenuPublished } from '@houqin/contracts';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import { CanteensRepository } from '../canteens/canteens.repository';
import { OperatorsService } from '../operators/operators.service';
import { Dish, Ingredient, NutritionFacts, declareDish } from './domain/dish';
import { Menu, MenuStatus, approveMenu, draftMenu, rejectMenu, submitMenu } from './domain/menu';
import { MenusRepository } from './menus.repository';

/** Use cases of dishes and menus: the operator declares and drafts, the manager approves (menu.published). */
@Injectable()
export class MenusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly menus: MenusRepository,
    private readonly canteens: CanteensRepository,
    private readonly operators: OperatorsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async declareDish(
    caller: Caller,
    canteenId: string,
    input: { name: string; priceFen: number; allergens: string[]; nutrition: NutritionFacts; ingredients: Ingredient[] },
  ): Promise<Dish> {
    return this.dataSource.transaction(async (manager) => {
      await this.canteens.load(manager, caller.agencyId, canteenId);
      await this.operators.mustRunCanteen(manager, caller, canteenId);
      const dish = declareDish({ id: randomUUID(), agencyId: caller.agencyId, canteenId, createdBy: caller.userId, ...input }, this.clock.now());
      await this.menus.insertDish(manager, dish);
      return dish;
    });
  }

  async dishes(caller: Caller, canteenId: string): Promise<Dish[]> {
    await this.operators.visibleCanteen(this.dataSource.manager, caller, canteenId);
    return this.menus.dishes(this.dataSource.manager, canteenId);
  }

  async draft(caller: Caller, canteenId: string, input: { kind: string; startsOn: string; days: Array<{ date: string; period: string; dishIds: string[] }> }): Promise<Menu> {
    return this.dataSource.transaction(async (manager) => {
      const canteen = await this.canteens.load(manager, caller.agencyId, canteenId);
      const vendorId = await this.operators.mustRunCanteen(manager, caller, canteenId);
      const menu = draftMenu(
        {
          id: randomUUID(),
          agencyId: caller.agencyId,
          canteenId,
          kind: input.kind,
          startsOn: input.startsOn,
          days: input.days.map((day) => ({ ...day, dishIds: day.dishIds.map((id) => id.toLowerCase()) })),
          ...(vendorId ? { vendorId } : {}),
          draftedBy: caller.userId,
          mealPeriods: canteen.mealPeriods,
          knownDishIds: await this.menus.dishIds(manager, canteenId),
        },
        this.clock.now(),
      );
      await this.menus.insertMenu(manager, menu);
      return menu;
    });
  }

  async submit(caller: Caller, menuId: string): Promise<Menu> {
    return this.dataSource.transaction(async (manager) => {
      const { menu, version } = await this.menus.loadMenu(manager, caller.agencyId, menuId, true);
      await this.operators.mustRunCanteen(manager, caller, menu.canteenId);
      const submitted = submitMenu(menu);
      await this.menus.saveMenu(manager, submitted, version);
      return submitted;
    });
  }

  async approve(caller: Caller, menuId: string, note?: string): Promise<Menu> {
    return this.dataSource.transaction(async (manager) => {
      const { menu, version } = await this.menus.loadMenu(manager, caller.agencyId, menuId, true);
      const published = approveMenu(menu, { by: caller.userId, ...(note ? { note } : {}) }, this.clock.now());
      await this.menus.saveMenu(manager, published, version);
      await this.menus.publishOffer(manager, published);
      const operator = await this.operators.current(manager, caller.agencyId, published.canteenId);
      await this.outbox.append(
        manager,
        MenuPublished.create({
          subject: published.id,
          origin: eventOrigin(caller),
          data: {
            menuId: published.id,
            canteenId: published.canteenId,
            kind: published.kind,
            startsOn: published.startsOn,
            endsOn: published.endsOn,
            days: published.days,
            ...(operator ? { vendorId: operator.vendorId, contractId: operator.contractId } : {}),
            draftedBy: published.draftedBy,
            approvedBy: caller.userId,
            publishedAt: published.decidedAt!.toISOString(),
          },
        }),
      );
      return published;
    });
  }

  async reject(caller: Caller, menuId: string, note: string): Promise<Menu> {
    return this.dataSource.transaction(async (manager) => {
      const { menu, version } = await this.menus.loadMenu(manager, caller.agencyId, menuId, true);
      const rejected = rejectMenu(menu, { by: caller.userId, note }, this.clock.now());
      await this.menus.saveMenu(manager, rejected, version);
      return rejected;
    });
  }

  async list(caller: Caller, canteenId: string, status: MenuStatus | undefined, limit: number): Promise<Menu[]> {
    await this.operators.visibleCanteen(this.dataSource.manager, caller, canteenId);
    return this.menus.menus(this.dataSource.manager, canteenId, status, limit);
  }
}
