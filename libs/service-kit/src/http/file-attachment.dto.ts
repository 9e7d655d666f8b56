import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  FILE_URL_PATTERN,
  FileAttachment,
  MAX_CONTENT_TYPE_LENGTH,
  MAX_FILE_ATTACHMENT_BYTES,
  MAX_FILE_NAME_LENGTH,
  MAX_FILE_URL_LENGTH,
  MEDIA_TYPE_PATTERN,
  SHA256_PATTERN,
} from '@houqin/domain';

/**
 * Metadata of a photo, video or document held by the agency's file store, as every service takes it in
 * and shows it. Nested in a body (`@ValidateNested() @Type(() => FileAttachmentDto)`), a bad field is
 * named by its path, e.g. `attachments[0].url`. How many files a use allows stays with that use.
 */
export class FileAttachmentDto implements FileAttachment {
  @ApiProperty({ example: 'leak-room-301.jpg', minLength: 1, maxLength: MAX_FILE_NAME_LENGTH })
  @IsString()
  @Length(1, MAX_FILE_NAME_LENGTH)
  fileName!: string;

  @ApiProperty({ description: 'A media type', example: 'image/jpeg', maxLength: MAX_CONTENT_TYPE_LENGTH })
  @IsString()
  @Matches(MEDIA_TYPE_PATTERN, { message: 'contentType must be a media type such as image/jpeg' })
  @MaxLength(MAX_CONTENT_TYPE_LENGTH)
  contentType!: string;

  @ApiProperty({ description: 'Bytes (at most 100 MiB)', example: 482133, minimum: 1, maximum: MAX_FILE_ATTACHMENT_BYTES })
  @IsInt()
  @Min(1)
  @Max(MAX_FILE_ATTACHMENT_BYTES)
  sizeBytes!: number;

  @ApiProperty({
    description: "Where the agency's file store keeps it: https://, s3:// or oss://",
    example: 'https://files.agency.example/repairs/leak-room-301.jpg',
    maxLength: MAX_FILE_URL_LENGTH,
  })
  @IsString()
  @Matches(FILE_URL_PATTERN, { message: 'url must be an https:// (or s3:// / oss://) address of the file' })
  @MaxLength(MAX_FILE_URL_LENGTH)
  url!: string;

  @ApiPropertyOptional({ description: 'Hex SHA-256 of the file', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @IsOptional()
  @Matches(SHA256_PATTERN, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256?: string;
}

/** An attached file as the services show it: exactly the metadata fields, nothing else a stored record may carry. */
export class FileAttachmentView implements FileAttachment {
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'A media type' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: "Where the agency's file store keeps it" }) url!: string;
  @ApiPropertyOptional({ description: 'Hex SHA-256 of the file, when given' }) sha256?: string;

  static of(file: FileAttachment): FileAttachmentView {
    return { fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes, url: file.url, ...(file.sha256 ? { sha256: file.sha256 } : {}) };
  }
}
