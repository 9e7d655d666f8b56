import { SigningSecretUnreadable, SigningSecrets, generateSigningSecret } from './signing-secrets';

const KEY = 'unit-test-webhook-secret-key-0123456789abcdef';
const secrets = new SigningSecrets({ WEBHOOK_SECRET_KEY: KEY });

describe('signing secrets at rest', () => {
  it('generates 32 random bytes, base64url, prefixed whsec_', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64url')).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it('seals a secret so that only the same key and subscription open it', () => {
    const secret = generateSigningSecret();
    const sealed = secrets.seal(secret, 'subscription-1');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(secret.slice('whsec_'.length));
    expect(secrets.open(sealed, 'subscription-1')).toBe(secret);
  });

  it('uses a fresh IV each time: the same secret seals differently', () => {
    expect(secrets.seal('whsec_same', 's')).not.toBe(secrets.seal('whsec_same', 's'));
  });

  it('refuses another subscription, another key, or a tampered ciphertext', () => {
    const sealed = secrets.seal('whsec_x', 'subscription-1');
    expect(() => secrets.open(sealed, 'subscription-2')).toThrow(SigningSecretUnreadable);
    expect(() => new SigningSecrets({ WEBHOOK_SECRET_KEY: `${KEY}-rotated` }).open(sealed, 'subscription-1')).toThrow(SigningSecretUnreadable);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => secrets.open(parts.join('.'), 'subscription-1')).toThrow(SigningSecretUnreadable);
    expect(() => secrets.open('plain-text', 'subscription-1')).toThrow(SigningSecretUnreadable);
  });
});
