/** The attachment types evidence may have, each known by its leading bytes. SVG and HTML are never allowed: they can carry script. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': { ext: ['jpg', 'jpeg'], test: (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: ['png'], test: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/gif': { ext: ['gif'], test: (b: Buffer) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  'image/webp': { ext: ['webp'], test: (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  'application/pdf': { ext: ['pdf'], test: (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/**
 * The type a file really is, by its content; null when it is none of the allowed types. A file
 * whose name or declared type says otherwise is caught by `checkAttachment`.
 */
export function sniffType(b: Buffer): AttachmentType | null {
  for (const [type, t] of Object.entries(ATTACHMENT_TYPES)) if (t.test(b)) return type as AttachmentType;
  return null;
}

export type AttachmentCheck = { ok: true; type: AttachmentType } | { ok: false; reason: string };

/** The content must be an allowed type, and the declared type and file extension, if given, must agree with it. */
export function checkAttachment(b: Buffer, declaredType: string | null, fileName: string | null): AttachmentCheck {
  const type = sniffType(b);
  if (!type) return { ok: false, reason: 'content is not a JPEG, PNG, GIF, WebP image or a PDF' };
  const declared = declaredType?.split(';')[0].trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream' && declared !== type && !(declared === 'image/jpg' && type === 'image/jpeg')) {
    return { ok: false, reason: `declared ${declared} but the content is ${type}` };
  }
  const ext = fileName?.includes('.') ? fileName.split('.').pop()!.toLowerCase() : null;
  if (ext && !(ATTACHMENT_TYPES[type].ext as readonly string[]).includes(ext)) return { ok: false, reason: `file name ends .${ext} but the content is ${type}` };
  return { ok: true, type };
}
