import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's minimum profile (19 MiB, 2 passes, 1 lane): ~20 ms per hash on one core,
 * so a 2-core gateway keeps answering while logins run (the work happens off the event loop).
 */
const PARAMETERS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the time of one verification, so an unknown username answers as slowly as a wrong password. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummy ??= hashPassword('houqin-no-such-user-password');
  await verifyPassword(await dummy, password);
}
