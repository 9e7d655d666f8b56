import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ROLES, Role } from '@houqin/auth';
import { Caller } from '@houqin/observability';
import { Agency, User } from './domain/identity';
import type { LoginSession } from './domain/login-session';
import { MIN_PASSWORD_LENGTH } from './passwords';

export class CreateAgencyDto {
  @ApiProperty({ example: 'Municipal Finance Bureau' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Unique on the platform; lower-case letters, digits and dashes', example: 'finance-bureau' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/, { message: 'code must be 2–64 letters, digits and dashes' })
  code!: string;

  @ApiPropertyOptional({ description: 'The supervising body (机关事务管理局) overseeing the agency' })
  @IsOptional()
  @IsUUID()
  supervisingBodyId?: string;
}

export class AgencyView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() code!: string;
  @ApiPropertyOptional() supervisingBodyId?: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: string;
  @ApiProperty() createdAt!: string;

  static of(agency: Agency): AgencyView {
    return {
      id: agency.id,
      name: agency.name,
      code: agency.code,
      ...(agency.supervisingBodyId ? { supervisingBodyId: agency.supervisingBodyId } : {}),
      status: agency.status,
      createdAt: agency.createdAt.toISOString(),
    };
  }
}

export class CreateDepartmentDto {
  @ApiProperty({ example: 'General Office' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class DepartmentView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
}

export class CreateUserDto {
  @ApiPropertyOptional({ description: "The user's agency; default the caller's. Only a platform admin names another agency." })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiProperty({ description: 'Unique on the platform', example: 'wang.li' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, { message: 'username must be 2–64 letters, digits, dot, dash or underscore' })
  username!: string;

  @ApiProperty({ example: 'Wang Li' })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['staff'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ description: "For a vendor account (role vendor): the vendor of procurement's registry it acts for" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  vendorId?: string;

  @ApiPropertyOptional({ description: 'For a supervisor (role supervisor; granted by a platform admin): the supervising body whose agencies they oversee' })
  @IsOptional()
  @IsUUID()
  supervisingBodyId?: string;

  @ApiPropertyOptional({ description: "The person's subject at the agency's identity provider (OIDC `sub`): tokens of that provider for this subject act as this user" })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  externalSubject?: string;

  @ApiProperty({ description: `Initial password, at least ${MIN_PASSWORD_LENGTH} characters`, format: 'password' })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 256)
  password!: string;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiPropertyOptional() departmentId?: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiPropertyOptional() vendorId?: string;
  @ApiPropertyOptional() supervisingBodyId?: string;
  @ApiPropertyOptional() externalSubject?: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() disabledAt?: string;

  /** Never the password hash or the token version. */
  static of(user: User): UserView {
    return {
      id: user.id,
      agencyId: user.agencyId,
      ...(user.departmentId ? { departmentId: user.departmentId } : {}),
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      ...(user.vendorId ? { vendorId: user.vendorId } : {}),
      ...(user.supervisingBodyId ? { supervisingBodyId: user.supervisingBodyId } : {}),
      ...(user.externalSubject ? { externalSubject: user.externalSubject } : {}),
      status: user.status,
      createdAt: user.createdAt.toISOString(),
      ...(user.disabledAt ? { disabledAt: user.disabledAt.toISOString() } : {}),
    };
  }
}

export class LoginDto {
  @ApiPropertyOptional({ description: "The user's agency code; when given it must match", example: 'finance-bureau' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  agencyCode?: string;

  @ApiProperty({ example: 'wang.li' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class OidcLoginDto {
  @ApiProperty({ description: "The authorization code the identity provider sent back to the console's redirect URI" })
  @IsString()
  @Length(1, 2048)
  code!: string;

  @ApiProperty({ description: 'The PKCE code verifier whose S256 challenge went with the authorization request (RFC 7636: 43–128 characters)' })
  @IsString()
  @Matches(/^[A-Za-z0-9._~-]{43,128}$/, { message: 'codeVerifier must be 43 to 128 characters of A-Z, a-z, 0-9 and -._~' })
  codeVerifier!: string;

  @ApiProperty({ description: 'The redirect URI of the authorization request, exactly', example: 'https://houqin.example.gov.cn/login/callback' })
  @IsString()
  @Length(1, 2048)
  @Matches(/^https?:\/\/\S+$/, { message: 'redirectUri must be an http(s) URL' })
  redirectUri!: string;

  @ApiPropertyOptional({ description: 'The nonce of the authorization request; the id token must carry it' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  nonce?: string;
}

export class OidcProviderView {
  @ApiProperty({ description: "The provider's authorization endpoint, from its discovery document" }) authorizationUrl!: string;
  @ApiProperty({ description: "The console's client id at the provider" }) clientId!: string;
  @ApiProperty({ example: 'openid' }) scope!: string;
}

export class LoginProvidersView {
  @ApiProperty({ type: OidcProviderView, nullable: true, description: "The agency's identity provider, when the console may sign in there; null: password login only" })
  oidc!: OidcProviderView | null;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(16, 256)
  refreshToken!: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'The refresh token of this session (its family is revoked with all the others)' })
  @IsOptional()
  @IsString()
  @Length(16, 256)
  refreshToken?: string;
}

export class TokenPairView {
  @ApiProperty({ description: 'Access token (JWT, HS256), valid 15 minutes' }) accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 900 }) expiresIn!: number;
  @ApiProperty({ description: 'Opaque refresh token, valid 30 days, usable once' }) refreshToken!: string;
  @ApiProperty() refreshTokenExpiresAt!: string;
}

/** One of the caller's own login sessions (登录会话): a device or browser signed in as them. */
export class LoginSessionView {
  @ApiProperty({ format: 'uuid', description: 'The session; its access tokens carry it as `sid`' }) id!: string;
  @ApiProperty({ description: 'When the login that began it happened' }) beganAt!: string;
  @ApiProperty({ description: 'When its tokens were last refreshed (or the login, if never)' }) lastActiveAt!: string;
  @ApiProperty({ description: 'When it ends unless refreshed before' }) expiresAt!: string;
  @ApiPropertyOptional({ description: "The client's User-Agent at login" }) userAgent?: string;
  @ApiPropertyOptional({ description: "The client's address at login, as the gateway saw it" }) clientAddress?: string;
  @ApiProperty({ description: 'True for the session the calling access token belongs to' }) current!: boolean;

  static of(session: LoginSession, current: boolean): LoginSessionView {
    return {
      id: session.id,
      beganAt: session.beganAt.toISOString(),
      lastActiveAt: session.lastActiveAt.toISOString(),
      expiresAt: (session.expiresAt ?? session.lastActiveAt).toISOString(),
      ...(session.userAgent ? { userAgent: session.userAgent } : {}),
      ...(session.clientAddress ? { clientAddress: session.clientAddress } : {}),
      current,
    };
  }
}

export class CallerView {
  @ApiProperty({ description: 'The user, or the API key for an integrator' }) userId!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiPropertyOptional() vendorId?: string;
  @ApiPropertyOptional({ isArray: true, type: String, description: 'For a supervisor: the agencies they may read across (X-Agency-Id)' }) supervisedAgencyIds?: string[];

  static of(caller: Caller): CallerView {
    return {
      userId: caller.userId,
      agencyId: caller.agencyId,
      roles: caller.roles,
      ...(caller.vendorId ? { vendorId: caller.vendorId } : {}),
      ...(caller.supervisedAgencyIds ? { supervisedAgencyIds: caller.supervisedAgencyIds } : {}),
    };
  }
}

export class CreateSupervisingBodyDto {
  @ApiProperty({ example: 'Municipal Government Offices Administration (机关事务管理局)' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Unique short code', example: 'city-gov-offices' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'code must be 2–64 lower-case letters, digits and dashes' })
  code!: string;
}

export class SupervisingBodyView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ isArray: true, type: String, description: 'The agencies it oversees' }) agencyIds!: string[];
  @ApiProperty() createdAt!: string;
}

export class ChangeUserDto {
  @ApiPropertyOptional({ example: 'Wang Lili' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, description: "The person's roles from now on; a change ends their sessions at once" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'For a vendor account: the vendor it acts for from now on (ends its sessions)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  vendorId?: string;
}

export class DisableAgencyDto {
  @ApiProperty({ example: 'Merged into the Municipal Audit Bureau' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

/** Whose names a screen needs: the user ids it shows (who reported, decided, answers). */
export class PeopleQueryDto {
  @ApiProperty({ description: 'User ids, separated by commas: at most 100', example: '0b8e2f6a-5c1d-4e7f-9a3b-2d4c6e8f0a1b,7d9f1b3c-5e7a-4c2d-8f0b-1a3c5e7d9f2b' })
  @IsString()
  @Matches(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(,[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}){0,99}$/, {
    message: 'ids must be 1 to 100 user ids (UUIDs) separated by commas',
  })
  ids!: string;
}

/** A person as others see them on a screen: the name only. */
export class PersonView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '王建国' }) displayName!: string;
}
