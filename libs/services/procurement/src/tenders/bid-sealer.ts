import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { SERVICE_CONFIG } from '@houqin/service-kit';
import { ProcurementEnvironment } from '../procurement.config';

const SEALED_VERSION = 'v1';

export interface BidContent {
  price: number;
  technicalProposal: string;
}

export interface SealedBid {
  /** SHA-256 (hex) of salt and content: the bidder's receipt, checkable once the bid is opened. */
  digest: string;
  salt: string;
  sealed: string;
}

export class BidUnreadable extends Error {
  constructor(bidId: string) {
    super(`bid ${bidId} cannot be unsealed (was BID_SEALING_KEY changed?)`);
    this.name = 'BidUnreadable';
  }
}

/** The digest the bidder can recompute from its own copy and the salt it was given. */
export function bidDigest(content: BidContent, salt: string): string {
  return createHash('sha256').update(`${salt}\n${JSON.stringify({ price: content.price, technicalProposal: content.technicalProposal })}`).digest('hex');
}

/**
 * Bids at rest: AES-256-GCM with a key derived (HKDF-SHA256) from BID_SEALING_KEY, a random 96-bit
 * IV per seal and tender, bid and vendor ids as additional data, so a sealed bid copied onto
 * another row does not open. The digest is salted: a price has few likely values, and an unsalted
 * digest of a guessable proposal would give it away before opening.
 */
@Injectable()
export class BidSealer {
  private readonly key: Buffer;

  constructor(@Inject(SERVICE_CONFIG) config: Pick<ProcurementEnvironment, 'BID_SEALING_KEY'>) {
    this.key = Buffer.from(hkdfSync('sha256', config.BID_SEALING_KEY, Buffer.alloc(0), 'houqin tender bid sealing', 32));
  }

  seal(content: BidContent, ids: { tenderId: string; bidId: string; vendorId: string }): SealedBid {
    const salt = randomBytes(16).toString('hex');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(`${ids.tenderId}|${ids.bidId}|${ids.vendorId}`, 'utf8'));
    const plaintext = JSON.stringify({ price: content.price, technicalProposal: content.technicalProposal, salt });
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      digest: bidDigest(content, salt),
      salt,
      sealed: [SEALED_VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.'),
    };
  }

  open(sealed: string, ids: { tenderId: string; bidId: string; vendorId: string }): BidContent & { salt: string } {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== SEALED_VERSION || !iv || !tag || ciphertext === undefined) throw new BidUnreadable(ids.bidId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${ids.tenderId}|${ids.bidId}|${ids.vendorId}`, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as BidContent & { salt: string };
    } catch {
      throw new BidUnreadable(ids.bidId);
    }
  }
}
