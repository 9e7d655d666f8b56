import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { FileAttachmentDto, FileAttachmentView } from '@houqin/service-kit';
import { MAX_ATTACHMENTS, REPAIR_PRIORITIES, RepairPriority, RepairRequest } from './domain/repair-request';

export class LocationDto {
  @ApiProperty({ example: 'Main Building' })
  @IsString()
  @Length(1, 100)
  building!: string;

  @ApiPropertyOptional({ example: '3' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  floor?: string;

  @ApiPropertyOptional({ example: '301' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  room?: string;
}

export class ReportRepairDto {
  @ApiProperty({ type: LocationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;

  @ApiProperty({ example: 'The air conditioner in room 301 leaks water onto the floor.' })
  @IsString()
  @Length(1, 2000)
  description!: string;

  @ApiPropertyOptional({ enum: REPAIR_PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(REPAIR_PRIORITIES)
  priority?: RepairPriority;

  @ApiPropertyOptional({ description: "Code on the equipment's label", example: 'AC-0042' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { message: 'assetCode must be letters, digits and dashes (at most 64)' })
  assetCode?: string;

  @ApiPropertyOptional({ example: 'dept-general-office' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  departmentId?: string;

  @ApiPropertyOptional({ type: [FileAttachmentDto], description: `Photos, videos or documents of the fault (metadata; at most ${MAX_ATTACHMENTS})` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  attachments?: FileAttachmentDto[];
}

export class CancelRepairRequestDto {
  @ApiProperty({ example: 'Reported twice by mistake' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class RepairRequestView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() reportedBy!: string;
  @ApiPropertyOptional() departmentId?: string;
  @ApiPropertyOptional() assetCode?: string;
  @ApiProperty({ type: LocationDto }) location!: LocationDto;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: REPAIR_PRIORITIES }) priority!: RepairPriority;
  @ApiProperty({ type: [FileAttachmentView] }) attachments!: FileAttachmentView[];
  @ApiProperty({ enum: ['reported', 'triaged', 'cancelled'] }) status!: string;
  @ApiProperty() reportedAt!: string;
  @ApiPropertyOptional() cancelledAt?: string;
  @ApiPropertyOptional() cancellationReason?: string;
  @ApiPropertyOptional({ description: 'The work order the request was triaged into' }) workOrderId?: string;

  static of(request: RepairRequest): RepairRequestView {
    return {
      id: request.id,
      agencyId: request.agencyId,
      reportedBy: request.reportedBy,
      ...(request.departmentId ? { departmentId: request.departmentId } : {}),
      ...(request.assetCode ? { assetCode: request.assetCode } : {}),
      location: request.location,
      description: request.description,
      priority: request.priority,
      attachments: request.attachments,
      status: request.status,
      reportedAt: request.reportedAt.toISOString(),
      ...(request.cancelledAt ? { cancelledAt: request.cancelledAt.toISOString() } : {}),
      ...(request.cancellationReason ? { cancellationReason: request.cancellationReason } : {}),
      ...(request.workOrderId ? { workOrderId: request.workOrderId } : {}),
    };
  }
}
