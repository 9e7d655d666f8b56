import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, PublicRoute, UuidParam } from '@houqin/service-kit';
import { GatewayAccessGuard } from '../access/gateway-access.guard';
import { AgencyView, ChangeUserDto, CreateAgencyDto, CreateDepartmentDto, CreateSupervisingBodyDto, CreateUserDto, DepartmentView, DisableAgencyDto, PeopleQueryDto, PersonView, SupervisingBodyView, UserView } from './identity.dto';
import { IdentityService } from './identity.service';

/**
 * Identity administration, answered by the gateway itself (never forwarded). A platform admin
 * creates agencies and administers every agency; an agency admin administers their own agency
 * (another agency's resources answer 404); anyone else gets 403.
 */
@ApiTags('identity')
@ApiBearerAuth('access-token')
@PublicRoute()
@UseGuards(GatewayAccessGuard)
@Controller('api/v1/identity')
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Post('supervising-bodies')
  @ApiCreatedResponse({ type: SupervisingBodyView, description: 'A body (e.g. 机关事务管理局) that oversees the agencies created under it' })
  @ApiForbiddenResponse({ description: 'Not a platform admin' })
  @ApiConflictResponse({ description: 'The code is taken' })
  async createSupervisingBody(@CurrentCaller() caller: Caller, @Body() body: CreateSupervisingBodyDto): Promise<SupervisingBodyView> {
    return this.identity.createSupervisingBody(caller, body);
  }

  @Get('supervising-bodies')
  @ApiOkResponse({ type: [SupervisingBodyView] })
  async listSupervisingBodies(@CurrentCaller() caller: Caller): Promise<SupervisingBodyView[]> {
    return this.identity.listSupervisingBodies(caller);
  }

  @Post('agencies')
  @ApiCreatedResponse({ type: AgencyView, description: 'agency.created is published' })
  @ApiForbiddenResponse({ description: 'Not a platform admin' })
  @ApiConflictResponse({ description: 'The code is taken' })
  async createAgency(@CurrentCaller() caller: Caller, @Body() body: CreateAgencyDto): Promise<AgencyView> {
    return AgencyView.of(await this.identity.createAgency(caller, body));
  }

  @Post('agencies/:id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: AgencyView, description: "Nobody of the agency logs in any more; every session of its people ends at once; agency.disabled is published" })
  @ApiNotFoundResponse({ description: 'No such agency' })
  @ApiConflictResponse({ description: 'The agency is already disabled' })
  async disableAgency(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DisableAgencyDto): Promise<AgencyView> {
    return AgencyView.of(await this.identity.disableAgency(caller, id, body.reason));
  }

  @Post('agencies/:id/departments')
  @ApiCreatedResponse({ type: DepartmentView })
  @ApiNotFoundResponse({ description: 'No such agency among those the caller administers' })
  async createDepartment(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CreateDepartmentDto): Promise<DepartmentView> {
    return this.identity.createDepartment(caller, id, body);
  }

  @Post('users')
  @ApiCreatedResponse({ type: UserView, description: 'user.created is published (without the password)' })
  @ApiNotFoundResponse({ description: 'The agency is not one the caller administers' })
  @ApiConflictResponse({ description: 'The username is taken' })
  async createUser(@CurrentCaller() caller: Caller, @Body() body: CreateUserDto): Promise<UserView> {
    return UserView.of(await this.identity.createUser(caller, body));
  }

  @Patch('users/:id')
  @ApiOkResponse({ type: UserView, description: 'user.changed is published; a change of roles or vendor ends the person’s sessions at once' })
  @ApiNotFoundResponse({ description: 'No such user in an agency the caller administers' })
  @ApiConflictResponse({ description: 'The user is disabled' })
  async changeUser(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ChangeUserDto): Promise<UserView> {
    return UserView.of(await this.identity.changeUser(caller, id, body));
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView, description: 'The user can no longer log in; their tokens are refused at once; user.disabled is published' })
  @ApiNotFoundResponse({ description: 'No such user in an agency the caller administers' })
  async disableUser(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<UserView> {
    return UserView.of(await this.identity.disableUser(caller, id));
  }

  @Get('people')
  @ApiOkResponse({ type: [PersonView], description: "The names of the people of the caller's agency among the ids, for screens that say who reported, decided or answers; ids of no one there are left out" })
  async people(@CurrentCaller() caller: Caller, @Query() query: PeopleQueryDto): Promise<PersonView[]> {
    return this.identity.namesOf(caller, query.ids.split(','));
  }

  @Get('users/:id')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'No such user in an agency the caller administers' })
  async getUser(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<UserView> {
    return UserView.of(await this.identity.getUser(caller, id));
  }
}
