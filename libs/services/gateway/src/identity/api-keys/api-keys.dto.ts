import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { ApiKey } from './api-key';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'Who uses the key, e.g. the integrating system', example: 'Finance bureau ERP' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ description: 'Actions (routes) the key may call; see docs/authorization.md', example: ['procurement.vendors.read'], isArray: true, type: String })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  actions?: string[];

  @ApiPropertyOptional({ description: 'Event types the key may subscribe to (webhooks, live stream)', example: ['houqin.maintenance.repair-request.reported.v1'], isArray: true, type: String })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ description: 'When the key stops working (ISO 8601); default never', example: '2027-12-31T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class ApiKeyView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it' }) prefix!: string;
  @ApiProperty({ isArray: true, type: String }) actions!: string[];
  @ApiProperty({ isArray: true, type: String }) eventTypes!: string[];
  @ApiProperty({ enum: ['usable', 'revoked', 'expired'] }) status!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() expiresAt?: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() lastUsedAt?: string;

  static of(key: ApiKey & { lastUsedAt?: Date }, status: string): ApiKeyView {
    return {
      id: key.id,
      agencyId: key.agencyId,
      name: key.name,
      prefix: key.prefix,
      actions: key.actions,
      eventTypes: key.eventTypes,
      status,
      createdAt: key.createdAt.toISOString(),
      ...(key.expiresAt ? { expiresAt: key.expiresAt.toISOString() } : {}),
      ...(key.revokedAt ? { revokedAt: key.revokedAt.toISOString() } : {}),
      ...(key.lastUsedAt ? { lastUsedAt: key.lastUsedAt.toISOString() } : {}),
    };
  }
}

export class IssuedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key itself: shown this once, never again. Send it as `Authorization: ApiKey <key>` or `X-Api-Key: <key>`.' })
  key!: string;
}
