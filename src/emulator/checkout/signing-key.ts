/**
 * The local Merchant Center's signing key and JWT issuer. The platform signs the JWTs the
 * Merchant Center sends to a connector (`Authorization: Bearer <jwt>` on `/operations/*`) with
 * an RSA key published at `https://mc-api.<region>.commercetools.com/.well-known/jwks.json`;
 * connect-payments-sdk verifies them with jwks-rsa + jsonwebtoken (RS256 by the key type),
 * then checks `iss` and the `<iss>/claims/project_key` claim. Here one RSA key per local
 * project, made with `jose`, kept in the persist folder with `--persist`.
 */
import { randomUUID } from 'node:crypto';

import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';

export const JWT_ALGORITHM = 'RS256';
/** The Merchant Center's forward-to tokens are short-lived; ours default to one hour. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export interface StoredSigningKey {
  kid: string;
  privateJwk: JWK;
}

export interface McTokenOptions {
  issuer: string;
  projectKey: string;
  /** The URL the token is meant for (the connector's URL); `aud`. */
  audience?: string | undefined;
  /** The Merchant Center user (`sub`). */
  userId?: string | undefined;
  expiresInSeconds?: number | undefined;
}

export interface McToken {
  token: string;
  claims: Record<string, unknown>;
  expiresAt: string;
}

export class SigningKey {
  private constructor(
    readonly kid: string,
    private readonly privateJwk: JWK,
    private readonly privateKey: CryptoKey,
  ) {}

  static async generate(): Promise<SigningKey> {
    const { privateKey } = await generateKeyPair(JWT_ALGORITHM, { extractable: true });
    const jwk = await exportJWK(privateKey);
    return SigningKey.fromStored({ kid: `connect-dev-${randomUUID()}`, privateJwk: jwk });
  }

  static async fromStored(stored: StoredSigningKey): Promise<SigningKey> {
    const key = await importJWK({ ...stored.privateJwk, alg: JWT_ALGORITHM }, JWT_ALGORITHM, {
      extractable: true,
    });
    return new SigningKey(stored.kid, stored.privateJwk, key as CryptoKey);
  }

  toStored(): StoredSigningKey {
    return { kid: this.kid, privateJwk: this.privateJwk };
  }

  /** The JSON Web Key Set: the public half only. */
  jwks(): { keys: JWK[] } {
    const { kty, n, e } = this.privateJwk;
    return { keys: [{ kty, n, e, kid: this.kid, alg: JWT_ALGORITHM, use: 'sig' } as JWK] };
  }

  async mint(options: McTokenOptions): Promise<McToken> {
    const now = Math.floor(Date.now() / 1000);
    const ttl = options.expiresInSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    const claims: Record<string, unknown> = {
      [`${options.issuer}/claims/project_key`]: options.projectKey,
    };
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: JWT_ALGORITHM, kid: this.kid, typ: 'JWT' })
      .setIssuer(options.issuer)
      .setSubject(options.userId ?? 'connect-dev-user')
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .setJti(randomUUID());
    if (options.audience) jwt.setAudience(options.audience);
    const token = await jwt.sign(this.privateKey);
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    return { token, claims: payload, expiresAt: new Date((now + ttl) * 1000).toISOString() };
  }
}
