import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, UuidParam } from '@houqin/service-kit';
import { ASSET_CATEGORIES, AssetCategory } from './domain/asset';
import { AssetView, MeterReadingDto, RegisterAssetDto } from './asset.dto';
import { AssetsService } from './assets.service';

@ApiTags('assets')
@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Post()
  @ApiCreatedResponse({ type: AssetView, description: 'The asset is in the register (设备台账).' })
  @ApiConflictResponse({ description: 'The code is already used in the agency' })
  async register(@CurrentCaller() caller: Caller, @Body() body: RegisterAssetDto): Promise<AssetView> {
    return AssetView.of(await this.assets.register(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [AssetView] })
  @ApiQuery({ name: 'category', required: false, enum: ASSET_CATEGORIES })
  @ApiQuery({ name: 'building', required: false })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('category', new OneOfParam<AssetCategory>(ASSET_CATEGORIES)) category: AssetCategory | undefined,
    @Query('building') building: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<AssetView[]> {
    const assets = await this.assets.list(caller, { ...(category ? { category } : {}), ...(building ? { building } : {}) }, limit);
    return assets.map(AssetView.of);
  }

  @Get('by-code/:code')
  @ApiOkResponse({ type: AssetView, description: 'The asset whose QR label carries this code (case-insensitive)' })
  @ApiNotFoundResponse({ description: "No asset with this code in the caller's agency" })
  async byCode(@CurrentCaller() caller: Caller, @Param('code') code: string): Promise<AssetView> {
    return AssetView.of(await this.assets.byCode(caller, code));
  }

  @Get(':id')
  @ApiOkResponse({ type: AssetView })
  @ApiNotFoundResponse({ description: "No such asset in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<AssetView> {
    return AssetView.of(await this.assets.get(caller, id));
  }

  @Post(':id/meter-readings')
  @HttpCode(200)
  @ApiOkResponse({ type: AssetView, description: 'The reading is recorded and is the latest of its kind' })
  @ApiUnprocessableEntityResponse({ description: 'The reading is below the latest of its kind (meter-decreasing)' })
  async recordReading(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: MeterReadingDto): Promise<AssetView> {
    return AssetView.of(await this.assets.recordReading(caller, id, body.kind, body.value));
  }
}
