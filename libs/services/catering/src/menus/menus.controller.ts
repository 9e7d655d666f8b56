import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, UuidParam } from '@houqin/service-kit';
import { MENU_STATUSES, MenuStatus } from './domain/menu';
import { DeclareDishDto, DishView, DraftMenuDto, MenuDecisionDto, MenuView, RejectMenuDto } from './menu.dto';
import { MenusService } from './menus.service';

@ApiTags('menus')
@Controller()
export class MenusController {
  constructor(private readonly menus: MenusService) {}

  @Post('canteens/:id/dishes')
  @ApiCreatedResponse({ type: DishView, description: 'Declared by the operator: price, the 14 allergen groups, nutrition, ingredients with supplier and batch' })
  @ApiForbiddenResponse({ description: "A vendor account of a vendor not running the canteen" })
  async declareDish(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DeclareDishDto): Promise<DishView> {
    return DishView.of(await this.menus.declareDish(caller, id, body));
  }

  @Get('canteens/:id/dishes')
  @ApiOkResponse({ type: [DishView] })
  async dishes(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<DishView[]> {
    return (await this.menus.dishes(caller, id)).map(DishView.of);
  }

  @Post('canteens/:id/menus')
  @ApiCreatedResponse({ type: MenuView, description: 'A draft, to submit for approval' })
  async draft(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DraftMenuDto): Promise<MenuView> {
    return MenuView.of(await this.menus.draft(caller, id, body));
  }

  @Get('canteens/:id/menus')
  @ApiOkResponse({ type: [MenuView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Query('status', new OneOfParam(MENU_STATUSES)) status: MenuStatus | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<MenuView[]> {
    return (await this.menus.list(caller, id, status, limit)).map(MenuView.of);
  }

  @Post('menus/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: MenuView })
  @ApiConflictResponse({ description: 'Not a draft or a rejected menu' })
  async submit(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<MenuView> {
    return MenuView.of(await this.menus.submit(caller, id));
  }

  @Post('menus/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: MenuView, description: 'Published: staff may book its dishes; menu.published is published' })
  @ApiNotFoundResponse({ description: "No such menu in the caller's agency" })
  @ApiConflictResponse({ description: 'Not submitted' })
  async approve(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: MenuDecisionDto): Promise<MenuView> {
    return MenuView.of(await this.menus.approve(caller, id, body.note));
  }

  @Post('menus/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: MenuView, description: 'Back to the operator with the note' })
  async reject(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RejectMenuDto): Promise<MenuView> {
    return MenuView.of(await this.menus.reject(caller, id, body.note));
  }
}
