import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';

import { SigningKey } from './signing-key.js';
import { CheckoutState } from './state.js';
import { scopesOn } from './tokens.js';

const issuer = 'http://127.0.0.1:9/mc';

describe('the local Merchant Center signing key', () => {
  it('mints RS256 tokens that verify against its JWKS, with the claims connect-payments-sdk checks', async () => {
    const key = await SigningKey.generate();
    const minted = await key.mint({
      issuer,
      projectKey: 'p1',
      audience: 'http://127.0.0.1:8/',
      expiresInSeconds: 60,
    });
    const { payload, protectedHeader } = await jwtVerify(minted.token, createLocalJWKSet(key.jwks()), {
      issuer,
      audience: 'http://127.0.0.1:8/',
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: key.kid });
    expect(payload[`${issuer}/claims/project_key`]).toBe('p1');
    expect(payload.sub).toBe('connect-dev-user');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    expect(minted.claims).toEqual(payload);
  });

  it('publishes only the public half', async () => {
    const key = await SigningKey.generate();
    const [jwk] = key.jwks().keys;
    expect(Object.keys(jwk ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('a token signed by another key, or altered, does not verify', async () => {
    const key = await SigningKey.generate();
    const other = await SigningKey.generate();
    const foreign = await other.mint({ issuer, projectKey: 'p1' });
    await expect(jwtVerify(foreign.token, createLocalJWKSet(key.jwks()))).rejects.toThrow();
    const own = await key.mint({ issuer, projectKey: 'p1' });
    const [h, , s] = own.token.split('.');
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...own.claims, [`${issuer}/claims/project_key`]: 'p2' })).toString('base64url')}.${s}`;
    await expect(jwtVerify(altered, createLocalJWKSet(key.jwks()))).rejects.toThrow(/signature/);
  });
});

describe('checkout state', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('keeps the signing key and sessions of a project in the persist folder, readable only by the user', async () => {
    dir = await mkdtemp(join(tmpdir(), 'checkout-state-'));
    const first = await CheckoutState.open('p1', dir);
    const session = first.createSession({ cartId: 'c1', metadata: { processorUrl: 'http://x' } });
    await first.save();
    expect((await stat(join(dir, 'checkout.json'))).mode & 0o777).toBe(0o600);
    const second = await CheckoutState.open('p1', dir);
    expect(second.signingKey.kid).toBe(first.signingKey.kid);
    expect(second.session(session.id)).toEqual(session);
    // Another project gets its own key.
    const other = await CheckoutState.open('p2', dir);
    expect(other.signingKey.kid).not.toBe(first.signingKey.kid);
  });

  it('a session past its expiry reads EXPIRED, with a new version', async () => {
    const state = await CheckoutState.open('p1', undefined);
    const session = state.createSession({ cartId: 'c1', metadata: {}, ttlSeconds: 1 });
    expect(state.session(session.id)?.state).toBe('ACTIVE');
    expect(Date.parse(session.expiryAt) - Date.parse(session.createdAt)).toBe(1000);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect(state.session(session.id)).toMatchObject({ state: 'EXPIRED', version: 2 });
  });

  it('refuses a corrupt saved state with a hint instead of starting over silently', async () => {
    dir = await mkdtemp(join(tmpdir(), 'checkout-state-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'checkout.json'), '{not json');
    await expect(CheckoutState.open('p1', dir)).rejects.toMatchObject({ code: 'PERSIST_CORRUPT' });
    expect(await readFile(join(dir, 'checkout.json'), 'utf8')).toBe('{not json');
  });
});

describe('scopesOn', () => {
  it('keeps the scopes granted on the given project only', () => {
    expect([
      ...scopesOn('manage_payments:p1 view_sessions:p1 manage_project:p2 anonymous_id:x', 'p1'),
    ]).toEqual(['manage_payments', 'view_sessions']);
  });
});
