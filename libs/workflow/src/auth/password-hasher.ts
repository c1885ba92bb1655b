import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id at OWASP's recommended parameters (19 MiB, t=2, p=1).
 * @node-rs/argon2 ships prebuilt per-platform packages with no install script; the
 * `argon2` package's prebuilt binary crashed under this machine's Node build.
 */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  /** A real hash of a throwaway password, verified against when an email is unknown so timing does not tell. */
  private decoy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(stored: string | null, password: string): Promise<boolean> {
    if (stored === null) {
      this.decoy ??= this.hash('reformflow-decoy-password');
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}
