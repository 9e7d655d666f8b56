/** What the platform records of a file the person picked: name, type, size and SHA-256 (the file itself stays in the agency's file store). */
export interface PickedFile {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export async function fileMetadata(file: File): Promise<PickedFile> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return { fileName: file.name, contentType: file.type || 'application/octet-stream', sizeBytes: file.size, sha256 };
}
