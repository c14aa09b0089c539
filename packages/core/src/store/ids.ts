import { createHash, randomBytes } from 'node:crypto';

let lastTime = 0;
let sequence = 0;

/**
 * Random bytes for ids, drawn from a pool filled 4 KiB at a time: one call into the CSPRNG per
 * 512 ids instead of one per id (ids are made on hot paths: every tool call makes two). Ids need
 * uniqueness, not secrecy; secrets come from newSecretToken.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = POOL_SIZE;

function randomHex8(): string {
  if (poolOffset + 8 > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + 8);
  poolOffset += 8;
  return hex;
}

/**
 * Time-ordered ids (`acc_<time><seq><random>`): sortable by creation (strictly within a process,
 * by millisecond across processes), so they double as pagination cursors.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  sequence = now === lastTime ? sequence + 1 : 0;
  lastTime = now;
  const time = now.toString(36).padStart(9, '0');
  const seq = sequence.toString(36).padStart(4, '0');
  return `${prefix}_${time}${seq}${randomHex8()}`;
}

/** 256-bit random secrets for link tokens and OAuth state, url-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes of link tokens and states are stored: a database leak does not reveal live links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
