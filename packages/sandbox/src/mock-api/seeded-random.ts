import { createHash } from 'node:crypto';

/** A small deterministic PRNG: the same seed always yields the same mock data. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** `length` lowercase hex digits. */
  hex(length: number): string;
  /** Digits only, first one non-zero (Slack ts fractions, GitHub ids). */
  digits(length: number): string;
  /** A UUID v4-shaped string (Notion ids). */
  uuid(): string;
  /** Uppercase alphanumerics, as in Slack ids (`C05ABCDEF`). */
  alnum(length: number): string;
}

/**
 * sfc32 seeded from SHA-256 of the parts: well distributed, fast, and — unlike Math.random —
 * reproducible, so a test can rely on "alice always has 3 unread mails".
 */
export function seededRandom(...parts: Array<string | number>): SeededRandom {
  const digest = createHash('sha256').update(parts.map(String).join('\u0000')).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const fromAlphabet = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)];
    return out;
  };
  const random: SeededRandom = {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() from an empty list');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    hex: (length) => fromAlphabet('0123456789abcdef', length),
    digits: (length) => fromAlphabet('123456789', 1) + fromAlphabet('0123456789', length - 1),
    uuid: () => {
      const h = fromAlphabet('0123456789abcdef', 32);
      const variant = '89ab'[int(0, 3)] as string;
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    alnum: (length) => fromAlphabet('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', length),
  };
  return random;
}
