/**
 * Device tokens: 32 random bytes, shown once. HQ stores only their SHA-256: a token carries 256
 * bits of entropy, so a fast unsalted hash is enough (no dictionary to attack), and lookup by hash
 * needs no comparison loop that could leak timing.
 */
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'cdhq_';
/** Also what the HTTP layer accepts, so junk never reaches the database. */
export const TOKEN_PATTERN = /^cdhq_[A-Za-z0-9_-]{43}$/;

export const newDeviceToken = (): string => PREFIX + randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
