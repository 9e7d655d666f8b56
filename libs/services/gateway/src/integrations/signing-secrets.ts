import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { SERVICE_CONFIG } from '@houqin/service-kit';
import { IntegrationsEnvironment } from './integrations.config';

const SEALED_VERSION = 'v1';
const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, base64url, with a prefix that says what it is. */
export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export class SigningSecretUnreadable extends Error {
  constructor(subscriptionId: string) {
    super(`the signing secret of webhook subscription ${subscriptionId} cannot be decrypted (was WEBHOOK_SECRET_KEY changed?); rotate the secret`);
    this.name = 'SigningSecretUnreadable';
  }
}

/**
 * Signing secrets at rest: AES-256-GCM with a key derived (HKDF-SHA256) from WEBHOOK_SECRET_KEY, a
 * random 96-bit IV per seal, and the subscription id as additional data, so a sealed secret copied
 * onto another subscription's row does not open. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
@Injectable()
export class SigningSecrets {
  private readonly key: Buffer;

  constructor(@Inject(SERVICE_CONFIG) config: Pick<IntegrationsEnvironment, 'WEBHOOK_SECRET_KEY'>) {
    this.key = Buffer.from(hkdfSync('sha256', config.WEBHOOK_SECRET_KEY, Buffer.alloc(0), 'houqin webhook signing secrets', 32));
  }

  seal(secret: string, subscriptionId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [SEALED_VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  open(sealed: string, subscriptionId: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== SEALED_VERSION || !iv || !tag || ciphertext === undefined) throw new SigningSecretUnreadable(subscriptionId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SigningSecretUnreadable(subscriptionId);
    }
  }
}
