import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { CateringDashboardView } from './dashboard.dto';
import { CateringDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class CateringDashboardController {
  constructor(private readonly dashboard: CateringDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's catering section of the dashboard: canteens open and closed, seats, meal periods served" })
  @ApiOkResponse({ type: CateringDashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<CateringDashboardView> {
    return this.dashboard.figures(caller);
  }
}
