import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDefined, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { UNIFIED_SOCIAL_CREDIT_CODE_SHAPE } from './domain/unified-social-credit-code';
import { CONTACT_PHONE, SERVICE_CATEGORIES, ServiceCategory, VENDOR_STATUSES, Vendor, VendorStatus } from './domain/vendor';

export class VendorContactDto {
  @ApiProperty({ example: '王经理' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ description: 'Mainland mobile (optionally +86) or landline with area code', example: '13800138000' })
  @IsString()
  @Matches(CONTACT_PHONE, { message: 'contact.phone must be a mainland mobile (13800138000) or landline (0591-87654321) number' })
  phone!: string;
}

export class RegisterVendorDto {
  @ApiProperty({ description: 'Registered name as on the business licence', example: '福州市鼓楼区后勤服务有限公司' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({
    description: '统一社会信用代码 (GB 32100-2015): 18 characters; the check character is verified',
    example: '91350100M000100Y43',
  })
  @IsString()
  @Matches(UNIFIED_SOCIAL_CREDIT_CODE_SHAPE, {
    message: 'unifiedSocialCreditCode must be 18 characters: 2 code letters or digits, 6 digits of division, 10 letters or digits (no I, O, S, V, Z)',
  })
  unifiedSocialCreditCode!: string;

  @ApiProperty({ enum: SERVICE_CATEGORIES, isArray: true, description: 'The services the vendor may be engaged for (at least one)', example: ['cleaning', 'maintenance'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(SERVICE_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(SERVICE_CATEGORIES, { each: true })
  categories!: ServiceCategory[];

  @ApiProperty({ type: VendorContactDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => VendorContactDto)
  contact!: VendorContactDto;
}

export class SuspendVendorDto {
  @ApiProperty({ example: 'Three SLA breaches in October; under review' })
  @IsString()
  @Length(1, 1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'End of the suspension (ISO 8601); absent means until further notice', example: '2027-03-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  until?: string;
}

export class VendorSuspensionView {
  @ApiProperty() reason!: string;
  @ApiProperty() suspendedBy!: string;
  @ApiProperty() suspendedAt!: string;
  @ApiPropertyOptional() until?: string;
}

export class VendorView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unifiedSocialCreditCode!: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES, isArray: true }) categories!: ServiceCategory[];
  @ApiProperty({ type: VendorContactDto }) contact!: VendorContactDto;
  @ApiProperty({ enum: VENDOR_STATUSES }) status!: VendorStatus;
  @ApiProperty() registeredBy!: string;
  @ApiProperty() registeredAt!: string;
  @ApiPropertyOptional({ type: VendorSuspensionView, description: 'Present while suspended' }) suspension?: VendorSuspensionView;

  static of(vendor: Vendor): VendorView {
    return {
      id: vendor.id,
      agencyId: vendor.agencyId,
      name: vendor.name,
      unifiedSocialCreditCode: vendor.unifiedSocialCreditCode,
      categories: vendor.categories,
      contact: vendor.contact,
      status: vendor.status,
      registeredBy: vendor.registeredBy,
      registeredAt: vendor.registeredAt.toISOString(),
      ...(vendor.suspension
        ? {
            suspension: {
              reason: vendor.suspension.reason,
              suspendedBy: vendor.suspension.suspendedBy,
              suspendedAt: vendor.suspension.suspendedAt.toISOString(),
              ...(vendor.suspension.until ? { until: vendor.suspension.until.toISOString() } : {}),
            },
          }
        : {}),
    };
  }
}
