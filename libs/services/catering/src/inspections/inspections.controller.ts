import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { InspectionView, RecordInspectionDto } from './inspection.dto';
import { InspectionsService } from './inspections.service';

@ApiTags('food-safety inspections')
@Controller('canteens/:id/inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Post()
  @ApiCreatedResponse({ type: InspectionView, description: 'Judged item by item; a failed inspection publishes inspection.failed (evaluation: violation and rectification), a passed one inspection.passed' })
  @ApiNotFoundResponse({ description: "No such canteen in the caller's agency" })
  async record(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RecordInspectionDto): Promise<InspectionView> {
    return InspectionView.of(await this.inspections.record(caller, id, body));
  }

  @Get()
  @ApiOkResponse({ type: [InspectionView] })
  async list(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number): Promise<InspectionView[]> {
    return (await this.inspections.list(caller, id, limit)).map(InspectionView.of);
  }
}
