import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDefined, IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { UNIFIED_SOCIAL_CREDIT_CODE_SHAPE } from './domain/unified-social-credit-code';
import { VendorWithQualifications } from './domain/eligibility';
import { QUALIFICATION_KINDS, Qualification, QualificationKind } from './domain/qualification';
import {
  CONTACT_PHONE,
  REINSTATEMENT_CAUSES,
  ReinstatementCause,
  SERVICE_CATEGORIES,
  ServiceCategory,
  VENDOR_STATUSES,
  Vendor,
  VendorStatus,
} from './domain/vendor';

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

/** A decision about a vendor's standing that must say why: reinstating, blacklisting, lifting it. */
export class VendorDecisionDto {
  @ApiProperty({ example: 'Liability insurance renewed; certificate checked' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class AddQualificationDto {
  @ApiProperty({ enum: QUALIFICATION_KINDS, example: 'food-operation-permit' })
  @IsIn(QUALIFICATION_KINDS)
  kind!: QualificationKind;

  @ApiProperty({ description: "The document's number as printed on it", example: 'JY13501020012345' })
  @IsString()
  @Length(1, 100)
  number!: string;

  @ApiProperty({ enum: SERVICE_CATEGORIES, description: 'The category of work the document qualifies the vendor for; one the vendor is registered for', example: 'catering' })
  @IsIn(SERVICE_CATEGORIES)
  category!: ServiceCategory;

  @ApiProperty({ description: 'Date of issue (ISO 8601)', example: '2026-01-15' })
  @IsISO8601({ strict: true })
  issuedOn!: string;

  @ApiProperty({ description: 'Date of expiry (ISO 8601); the document is valid until this instant', example: '2029-01-14' })
  @IsISO8601({ strict: true })
  expiresOn!: string;
}

export class QualificationView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: QUALIFICATION_KINDS }) kind!: QualificationKind;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES }) category!: ServiceCategory;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() expiresOn!: string;
  @ApiProperty() addedBy!: string;
  @ApiProperty() addedAt!: string;

  static of(qualification: Qualification): QualificationView {
    return {
      id: qualification.id,
      kind: qualification.kind,
      number: qualification.number,
      category: qualification.category,
      issuedOn: qualification.issuedOn.toISOString(),
      expiresOn: qualification.expiresOn.toISOString(),
      addedBy: qualification.addedBy,
      addedAt: qualification.addedAt.toISOString(),
    };
  }
}

export class VendorSuspensionView {
  @ApiProperty() reason!: string;
  @ApiProperty() suspendedBy!: string;
  @ApiProperty() suspendedAt!: string;
  @ApiPropertyOptional() until?: string;
  @ApiPropertyOptional({ description: 'True when the suspension is a sanction decided by evaluation' }) bySanction?: boolean;
}

export class VendorBlacklistingView {
  @ApiProperty() reason!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty() from!: string;
}

export class VendorReinstatementView {
  @ApiProperty({ enum: REINSTATEMENT_CAUSES }) cause!: ReinstatementCause;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'A user id, or system for a suspension that ended by itself' }) decidedBy!: string;
  @ApiProperty({ description: 'For a suspension that ended by itself, its end' }) at!: string;
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
  @ApiPropertyOptional({ type: VendorBlacklistingView, description: 'Present while blacklisted' }) blacklisting?: VendorBlacklistingView;
  @ApiPropertyOptional({ type: VendorReinstatementView, description: 'The latest return to active, if any' }) reinstatement?: VendorReinstatementView;
  @ApiPropertyOptional({ type: [QualificationView], description: 'Qualification documents; on the single vendor view' }) qualifications?: QualificationView[];

  static of(vendor: Vendor | VendorWithQualifications): VendorView {
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
              ...(vendor.suspension.bySanction ? { bySanction: true } : {}),
            },
          }
        : {}),
      ...(vendor.blacklisting
        ? { blacklisting: { reason: vendor.blacklisting.reason, decidedBy: vendor.blacklisting.decidedBy, from: vendor.blacklisting.from.toISOString() } }
        : {}),
      ...(vendor.reinstatement
        ? {
            reinstatement: {
              cause: vendor.reinstatement.cause,
              reason: vendor.reinstatement.reason,
              decidedBy: vendor.reinstatement.decidedBy,
              at: vendor.reinstatement.at.toISOString(),
            },
          }
        : {}),
      ...('qualifications' in vendor ? { qualifications: vendor.qualifications.map(QualificationView.of) } : {}),
    };
  }
}
