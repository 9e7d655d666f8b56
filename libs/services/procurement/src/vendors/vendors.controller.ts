import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { AddQualificationDto, RegisterVendorDto, SuspendVendorDto, VendorDecisionDto, VendorView } from './vendor.dto';
import { VendorsService } from './vendors.service';

@ApiTags('vendors')
@Controller('vendors')
export class VendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Post()
  @ApiCreatedResponse({ type: VendorView, description: 'The vendor enters the registry as active; vendor.registered is published.' })
  @ApiConflictResponse({ description: 'A vendor with this unified social credit code is already registered in the agency' })
  @ApiUnprocessableEntityResponse({ description: 'The unified social credit code fails its check character' })
  async register(@CurrentCaller() caller: Caller, @Body() body: RegisterVendorDto): Promise<VendorView> {
    return VendorView.of(await this.vendors.register(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [VendorView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<VendorView[]> {
    const vendors = await this.vendors.list(caller, limit);
    return vendors.map(VendorView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: VendorView })
  @ApiNotFoundResponse({ description: "No such vendor in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<VendorView> {
    return VendorView.of(await this.vendors.get(caller, id));
  }

  @Post(':id/qualifications')
  @ApiCreatedResponse({ type: VendorView, description: 'The qualification document is recorded; the vendor with all its qualifications is returned.' })
  @ApiNotFoundResponse({ description: "No such vendor in the caller's agency" })
  @ApiUnprocessableEntityResponse({ description: 'A category the vendor is not registered for, an expired document, or expiry before issue' })
  async addQualification(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AddQualificationDto): Promise<VendorView> {
    return VendorView.of(await this.vendors.addQualification(caller, id, body));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: VendorView, description: 'The vendor is suspended; vendor.suspended is published.' })
  @ApiNotFoundResponse({ description: "No such vendor in the caller's agency" })
  @ApiConflictResponse({ description: 'The vendor is under a suspension that has not ended, or blacklisted' })
  async suspend(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: SuspendVendorDto): Promise<VendorView> {
    return VendorView.of(await this.vendors.suspend(caller, id, body));
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: VendorView, description: 'The suspension ends early; the vendor is active again; vendor.reinstated is published.' })
  @ApiNotFoundResponse({ description: "No such vendor in the caller's agency" })
  @ApiConflictResponse({ description: 'The vendor is not suspended (active, its suspension already ended, or blacklisted)' })
  async reinstate(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: VendorDecisionDto): Promise<VendorView> {
    return VendorView.of(await this.vendors.reinstate(caller, id, body));
  }

  @Post(':id/blacklist')
  @HttpCode(200)
  @ApiOkResponse({ type: VendorView, description: 'The vendor is blacklisted (列入黑名单), ending any suspension; vendor.blacklisted is published.' })
  @ApiNotFoundResponse({ description: "No such vendor in the caller's agency" })
  @ApiConflictResponse({ description: 'The vendor is already blacklisted' })
  async blacklist(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: VendorDecisionDto): Promise<VendorView> {
    return VendorView.of(await this.vendors.blacklist(caller, id, body));
  }

  @Post(':id/lift-blacklisting')
  @HttpCode(200)
  @ApiOkResponse({ type: VendorView, description: 'The blacklisting is lifted; the vendor is active again; vendor.blacklisting-lifted is published.' })
  @ApiNotFoundResponse({ description: "No such vendor in the caller's agency" })
  @ApiConflictResponse({ description: 'The vendor is not blacklisted' })
  async liftBlacklisting(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: VendorDecisionDto): Promise<VendorView> {
    return VendorView.of(await this.vendors.liftBlacklisting(caller, id, body));
  }
}
