import { randomBytes, scrypt } from 'node:crypto';

/**
 * A PIN hashed at central (the CLI's chain-wide admins) exactly as a terminal hashes one
 * (electron/core/auth/pin-hash.ts): scrypt with a per-user salt, written as `scrypt$N$r$p$salt$key`, so a terminal
 * verifies it like any PIN of its own. The parameters travel in the text; these are the terminal's. db/ may not
 * import the terminal's code, and the hash is Node's crypto, so it cannot live in shared/: a test checks that a
 * terminal accepts what this makes.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashPinAtCentral(pin: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(`scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`),
    );
  });
}
