import { createHash } from 'node:crypto';
import { domainOf, messageIdFor } from './message-id.js';

describe(messageIdFor.name, () => {
  const key = 'deadline:7b0c…:v3:reminder:-P3D:user:42';
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);

  it('is the first 32 hex digits of the key’s SHA-256 at the sender’s domain, in angle brackets', () => {
    expect(messageIdFor(key, 'Reformflow <noreply@reform.example.cn>')).toBe(`<${hash}@reform.example.cn>`);
  });

  it('is the same on every call for the same key and sender, and differs between keys', () => {
    const first = messageIdFor(key, 'noreply@reformflow.local');
    expect(messageIdFor(key, 'noreply@reformflow.local')).toBe(first);
    expect(messageIdFor(`${key}x`, 'noreply@reformflow.local')).not.toBe(first);
    expect(first).toMatch(/^<[0-9a-f]{32}@reformflow\.local>$/);
  });

  it('takes the domain from a bare address, a named one, or one with an @ in its quoted name', () => {
    expect(domainOf('noreply@Mail.Example.org')).toBe('mail.example.org');
    expect(domainOf('综合改革办公室 <office@gov.example>')).toBe('gov.example');
    expect(domainOf('"ops@elsewhere" <noreply@right.example>')).toBe('right.example');
  });

  it('falls back to reformflow.local when the sender has no usable domain', () => {
    for (const from of ['Reformflow', 'noreply@', 'Reformflow <noreply>', 'x@bad domain', '']) {
      expect(messageIdFor(key, from)).toBe(`<${hash}@reformflow.local>`);
    }
  });
});
