import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, OptionalUuidParam, UuidParam } from '@houqin/service-kit';
import { ContractView, CreateContractDto, TerminateContractDto } from './contract.dto';
import { ContractsService } from './contracts.service';
import { CONTRACT_STATUSES, ContractStatus, SERVICE_TYPES, ServiceType } from './domain/contract';

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post()
  @ApiCreatedResponse({ type: ContractView, description: 'A draft contract from an awarded tender or an approved direct-purchase requisition, with its SLA terms, penalty rules and prices' })
  @ApiNotFoundResponse({ description: "No such tender, requisition or vendor in the caller's agency" })
  @ApiUnprocessableEntityResponse({ description: 'The tender is not awarded, the requisition not an approved direct purchase, the vendor not active, or a term invalid (names the field)' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateContractDto): Promise<ContractView> {
    return ContractView.of(await this.contracts.create(caller, body));
  }

  @Get()
  @ApiQuery({ name: 'vendorId', required: false })
  @ApiQuery({ name: 'serviceType', required: false, enum: SERVICE_TYPES })
  @ApiQuery({ name: 'status', required: false, enum: CONTRACT_STATUSES })
  @ApiOkResponse({ type: [ContractView], description: "The agency's contracts, newest first; a vendor account sees its own vendor's only" })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('vendorId', OptionalUuidParam) vendorId: string | undefined,
    @Query('serviceType', new OneOfParam<ServiceType>(SERVICE_TYPES)) serviceType: ServiceType | undefined,
    @Query('status', new OneOfParam<ContractStatus>(CONTRACT_STATUSES)) status: ContractStatus | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<ContractView[]> {
    const now = new Date();
    const filter = { limit, ...(vendorId ? { vendorId } : {}), ...(serviceType ? { serviceType } : {}), ...(status ? { status } : {}) };
    return (await this.contracts.list(caller, filter)).map((contract) => ContractView.of(contract, now));
  }

  @Get(':id')
  @ApiOkResponse({ type: ContractView })
  @ApiNotFoundResponse({ description: "No such contract in the caller's agency, or another vendor's for a vendor account" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ContractView> {
    return ContractView.of(await this.contracts.get(caller, id));
  }

  @Post(':id/sign')
  @HttpCode(200)
  @ApiOkResponse({ type: ContractView, description: 'Signed; contract.signed carries the terms maintenance, catering and transport work by.' })
  @ApiConflictResponse({ description: 'The contract is not a draft (names the current state)' })
  @ApiUnprocessableEntityResponse({ description: 'The vendor is suspended or blacklisted (names why), or validTo has passed' })
  async sign(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ContractView> {
    return ContractView.of(await this.contracts.sign(caller, id));
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @ApiOkResponse({ type: ContractView, description: 'Terminated with a reason; contract.terminated is published.' })
  @ApiConflictResponse({ description: 'The contract is not signed (names the current state)' })
  async terminate(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: TerminateContractDto): Promise<ContractView> {
    return ContractView.of(await this.contracts.terminate(caller, id, body));
  }
}
