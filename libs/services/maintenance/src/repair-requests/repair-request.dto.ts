import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES, REPAIR_PRIORITIES, RepairPriority, RepairRequest } from './domain/repair-request';

/** Metadata of a photo, video or document held by the agency's file store. */
export class AttachmentDto {
  @ApiProperty({ example: 'leak-room-301.jpg' })
  @IsString()
  @Length(1, 200)
  fileName!: string;

  @ApiProperty({ example: 'image/jpeg' })
  @IsString()
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/i, { message: 'contentType must be a media type such as image/jpeg' })
  @MaxLength(100)
  contentType!: string;

  @ApiProperty({ example: 482133, maximum: MAX_ATTACHMENT_BYTES })
  @IsInt()
  @Min(1)
  @Max(MAX_ATTACHMENT_BYTES)
  sizeBytes!: number;

  @ApiProperty({ description: "Where the agency's file store keeps it", example: 'https://files.agency.example/repairs/leak-room-301.jpg' })
  @IsString()
  @Matches(/^(https:\/\/|s3:\/\/|oss:\/\/)\S+$/, { message: 'url must be an https:// (or s3:// / oss://) address of the file' })
  @MaxLength(1000)
  url!: string;

  @ApiPropertyOptional({ description: 'Hex SHA-256 of the file', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256?: string;
}

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

  @ApiPropertyOptional({ type: [AttachmentDto], description: `Photos, videos or documents of the fault (metadata; at most ${MAX_ATTACHMENTS})` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
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
  @ApiProperty({ type: [AttachmentDto] }) attachments!: AttachmentDto[];
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
