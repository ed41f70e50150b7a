import { describe, expect, it } from 'vitest';
import { checkAttachment, sniffType } from './magic-bytes.js';
import { JPEG, PDF, PNG } from './testing/fixtures.js';

describe('attachment content check', () => {
  it('knows the allowed types by their first bytes', () => {
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(PNG)).toBe('image/png');
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(Buffer.from('GIF89a....'))).toBe('image/gif');
    expect(sniffType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
  });

  it('rejects a .jpg that is really HTML with a script', () => {
    const r = checkAttachment(Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg', 'photo.jpg');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('not a JPEG') });
  });

  it('rejects SVG, which can carry script, even when it calls itself an image', () => {
    expect(checkAttachment(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml', 'a.svg').ok).toBe(false);
  });

  it('rejects a real image sent under another type or extension', () => {
    expect(checkAttachment(PNG, 'image/jpeg', null)).toEqual({ ok: false, reason: 'declared image/jpeg but the content is image/png' });
    expect(checkAttachment(JPEG, null, 'evil.html')).toEqual({ ok: false, reason: 'file name ends .html but the content is image/jpeg' });
    expect(checkAttachment(JPEG, 'application/octet-stream', 'a.JPEG')).toEqual({ ok: true, type: 'image/jpeg' });
  });
});
