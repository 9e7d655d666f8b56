import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { DashboardView } from './dashboard.dto';
import { CateringDashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: CateringDashboardService) {}

  @Get()
  @ApiOperation({ summary: "The caller's agency's catering section of the dashboard: canteens open and closed, seats, meal periods served" })
  @ApiOkResponse({ type: DashboardView })
  figures(@CurrentCaller() caller: Caller): Promise<DashboardView> {
    return this.dashboard.figures(caller);
  }
}
