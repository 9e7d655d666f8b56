import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, ValidateNested } from 'class-validator';
import { MAX_FILE_ATTACHMENT_BYTES, normalisedFileAttachment } from '@houqin/domain';
import { FileAttachmentDto, FileAttachmentView } from './file-attachment.dto';
import { RequestValidationError } from './problem-details';
import { createValidationPipe } from './validation';

class WithAttachments {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  attachments!: FileAttachmentDto[];
}

const body: ArgumentMetadata = { type: 'body', metatype: WithAttachments };
const photo = { fileName: 'leak-room-301.jpg', contentType: 'image/jpeg', sizeBytes: 482_133, url: 'https://files.agency.example/repairs/leak-room-301.jpg' };

async function problemsOf(attachment: Record<string, unknown>): Promise<string[]> {
  try {
    await createValidationPipe().transform({ attachments: [photo, attachment] }, body);
    return [];
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    return error.errors.map((problem) => problem.field).sort();
  }
}

describe('an attached file, as every service takes it in', () => {
  it('accepts the file store’s https://, s3:// and oss:// addresses, a digest, and the size limits at their edges', async () => {
    expect(await problemsOf({ ...photo, url: 's3://agency-files/a.pdf', sizeBytes: 1 })).toEqual([]);
    expect(await problemsOf({ ...photo, url: 'oss://agency-files/a.pdf', sizeBytes: MAX_FILE_ATTACHMENT_BYTES, sha256: 'AB'.repeat(32) })).toEqual([]);
    expect(await problemsOf({ ...photo, fileName: 'x'.repeat(200), url: `https://f.example/${'x'.repeat(1000 - 18)}` })).toEqual([]);
  });

  it('refuses each bad field, naming it by its path in the body', async () => {
    expect(await problemsOf({ ...photo, url: 'http://files.agency.example/a.jpg' })).toEqual(['attachments[1].url']);
    expect(await problemsOf({ ...photo, url: 'documents/a.jpg' })).toEqual(['attachments[1].url']);
    expect(await problemsOf({ ...photo, url: `https://f.example/${'x'.repeat(1000 - 17)}` })).toEqual(['attachments[1].url']);
    expect(await problemsOf({ ...photo, contentType: 'jpeg' })).toEqual(['attachments[1].contentType']);
    expect(await problemsOf({ ...photo, sizeBytes: 0 })).toEqual(['attachments[1].sizeBytes']);
    expect(await problemsOf({ ...photo, sizeBytes: MAX_FILE_ATTACHMENT_BYTES + 1 })).toEqual(['attachments[1].sizeBytes']);
    expect(await problemsOf({ ...photo, sizeBytes: 1.5 })).toEqual(['attachments[1].sizeBytes']);
    expect(await problemsOf({ ...photo, fileName: '' })).toEqual(['attachments[1].fileName']);
    expect(await problemsOf({ ...photo, fileName: 'x'.repeat(201) })).toEqual(['attachments[1].fileName']);
    expect(await problemsOf({ ...photo, sha256: 'ab'.repeat(31) })).toEqual(['attachments[1].sha256']);
    expect(await problemsOf({ ...photo, reference: 'documents/a.jpg' })).toEqual(['attachments[1].reference']);
  });

  it('is stored trimmed, with media type and digest in lower case, and shown with exactly its metadata', () => {
    const stored = normalisedFileAttachment({ ...photo, fileName: ' leak.jpg ', contentType: 'IMAGE/JPEG', sha256: 'AB'.repeat(32) });
    expect(stored).toEqual({ ...photo, fileName: 'leak.jpg', contentType: 'image/jpeg', sha256: 'ab'.repeat(32) });
    const withMore = { ...photo, uploadedBy: 'someone' };
    expect(FileAttachmentView.of(withMore)).toEqual(photo);
  });
});
