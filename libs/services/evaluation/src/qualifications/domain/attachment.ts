/**
 * An attached document (a scan of a certificate, a photo of the evidence): its metadata only. The
 * file itself lives in the agency's document store; `reference` is where to find it there.
 */
export interface Attachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  reference: string;
}

export const MAX_ATTACHMENTS = 10;
