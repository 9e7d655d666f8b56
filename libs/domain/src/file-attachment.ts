/**
 * A photo, video or document held by the agency's file store (附件): the platform keeps its metadata and
 * where to fetch it, never the file itself. One shape for every service (repair requests, complaints,
 * assessments, rectifications, qualifications, internal audit).
 */
export interface FileAttachment {
  fileName: string;
  /** A media type such as image/jpeg. */
  contentType: string;
  sizeBytes: number;
  /** Where the file lives: https://, or the file store's own s3:// or oss:// address. */
  url: string;
  /** Hex SHA-256 of the file, when the uploader computed it: evidence that the file was not swapped. */
  sha256?: string;
}

/** The largest file the platform accepts metadata for, whatever the use: 100 MiB. */
export const MAX_FILE_ATTACHMENT_BYTES = 100 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;
export const MAX_CONTENT_TYPE_LENGTH = 100;
export const MAX_FILE_URL_LENGTH = 1000;

/** type/subtype, e.g. image/jpeg, application/vnd.openxmlformats-officedocument.wordprocessingml.document. */
export const MEDIA_TYPE_PATTERN = /^[a-z]+\/[a-z0-9.+-]+$/i;
export const FILE_URL_PATTERN = /^(https:\/\/|s3:\/\/|oss:\/\/)\S+$/;
export const SHA256_PATTERN = /^[0-9a-fA-F]{64}$/;

/** The stored form: file name trimmed, media type and digest in lower case. */
export function normalisedFileAttachment(file: FileAttachment): FileAttachment {
  return {
    fileName: file.fileName.trim(),
    contentType: file.contentType.toLowerCase(),
    sizeBytes: file.sizeBytes,
    url: file.url,
    ...(file.sha256 ? { sha256: file.sha256.toLowerCase() } : {}),
  };
}
