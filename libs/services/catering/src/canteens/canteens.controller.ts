import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { CanteenView, CloseCanteenDto, OpenCanteenDto } from './canteen.dto';
import { CanteensService } from './canteens.service';

@ApiTags('canteens')
@Controller('canteens')
export class CanteensController {
  constructor(private readonly canteens: CanteensService) {}

  @Post()
  @ApiCreatedResponse({ type: CanteenView, description: 'The canteen is registered and open; canteen.opened is published.' })
  async open(@CurrentCaller() caller: Caller, @Body() body: OpenCanteenDto): Promise<CanteenView> {
    return CanteenView.of(await this.canteens.open(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [CanteenView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<CanteenView[]> {
    const canteens = await this.canteens.list(caller, limit);
    return canteens.map(CanteenView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: CanteenView })
  @ApiNotFoundResponse({ description: "No such canteen in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<CanteenView> {
    return CanteenView.of(await this.canteens.get(caller, id));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: CanteenView, description: 'The canteen is closed temporarily; canteen.closed is published.' })
  @ApiNotFoundResponse({ description: "No such canteen in the caller's agency" })
  @ApiConflictResponse({ description: 'The canteen is already closed' })
  async close(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CloseCanteenDto): Promise<CanteenView> {
    return CanteenView.of(await this.canteens.close(caller, id, body));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: CanteenView, description: 'The canteen is open again; canteen.reopened is published.' })
  @ApiNotFoundResponse({ description: "No such canteen in the caller's agency" })
  @ApiConflictResponse({ description: 'The canteen is not closed' })
  async reopen(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<CanteenView> {
    return CanteenView.of(await this.canteens.reopen(caller, id));
  }
}
