import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

import { expect, test } from './fixtures';
import { issuer, registerClient } from './fixtures/relying-party';

// Issue 28: what Apache's module does not check, Node's openid-client (and jose) do: RFC 9207's
// `iss` in the authorization response, `max_age` with `auth_time`, a public client held to PKCE,
// and an ES256 ID token checked against the published keys. The redirect URI is a page that
// only says "Back": the test reads the code off the address the browser was sent to.
const insecure = { execute: [oidc.allowInsecureRequests] };
let callback: Server;
let redirectUri: string;

test.beforeAll(async () => {
  callback = createServer((_, answer) => {
    answer.setHeader('content-type', 'text/html');
    answer.end('<!doctype html><html lang="en"><title>Back</title><main>Back</main></html>');
  });
  await new Promise<void>((listening) => callback.listen(0, '127.0.0.1', listening));
  redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
});

test.afterAll(() => {
  callback?.close();
});

/** Opens `url` and waits for the browser to be sent to the redirect URI; its address. */
async function sentBack(page: Page, url: URL, before?: () => Promise<void>): Promise<URL> {
  const back = page.waitForRequest((request) => request.url().startsWith(redirectUri), { timeout: 30_000 });
  await page.goto(url.href);
  if (before) await before();
  return new URL((await back).url());
}

test('a confidential ES256 client checks iss (RFC 9207), max_age with auth_time, and the signature', async ({
  page,
  people,
  firstLogInWithApp,
  loginPage,
  otpPage,
  appCode,
}) => {
  const registered = registerClient(['--name', 'openid-client (ES256)', '--redirect-uri', redirectUri, '--id-token-alg', 'ES256']);
  const config = await oidc.discovery(
    new URL(issuer()),
    registered.clientId,
    { id_token_signed_response_alg: 'ES256' },
    oidc.ClientSecretBasic(registered.secret!),
    insecure,
  );
  expect(config.serverMetadata().authorization_response_iss_parameter_supported).toBe(true);
  const { user } = await people.create({ user: { role: 'user' } });
  const secret = await firstLogInWithApp(user);

  const ask = async (extra: Record<string, string> = {}) => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...extra,
    });
    return { url, checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true } };
  };

  // Single sign-on within max_age: a code at once, auth_time within the age asked.
  const first = await ask({ max_age: '600' });
  const back = await sentBack(page, first.url);
  expect(back.searchParams.get('iss')).toBe(issuer());
  const tokens = await oidc.authorizationCodeGrant(config, back, { ...first.checks, maxAge: 600 });
  const claims = tokens.claims()!;
  expect(claims.preferred_username).toBe(user.id);
  expect(typeof claims.auth_time).toBe('number');
  expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('ES256');
  const keys = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
  const verified = await jwtVerify(tokens.id_token!, keys, {
    issuer: issuer(),
    audience: registered.clientId,
    algorithms: ['ES256'],
  });
  expect(verified.payload.sub).toBe(claims.sub);

  // RFC 9207: an answer that names another issuer, or none, is refused by the client.
  const forged = await ask();
  const forgedBack = await sentBack(page, forged.url);
  const otherIssuer = new URL(forgedBack);
  otherIssuer.searchParams.set('iss', 'https://attacker.example');
  await expect(oidc.authorizationCodeGrant(config, otherIssuer, forged.checks)).rejects.toThrow();
  const noIssuer = new URL(forgedBack);
  noIssuer.searchParams.delete('iss');
  await expect(oidc.authorizationCodeGrant(config, noIssuer, forged.checks)).rejects.toThrow();

  // max_age=0: the person authenticates again, and auth_time moves to now.
  const again = await ask({ max_age: '0' });
  const backAgain = await sentBack(page, again.url, async () => {
    await expect(page).toHaveURL(/\/\?authorization=/);
    await loginPage.logIn(user.id, user.password);
    await otpPage.submit(await appCode(secret, 30));
  });
  const fresh = await oidc.authorizationCodeGrant(config, backAgain, { ...again.checks, maxAge: 0 });
  expect(fresh.claims()!.auth_time).toBeGreaterThanOrEqual(claims.auth_time as number);
});

test('a public client is held to PKCE and gets its tokens with it', async ({ page, people, firstLogInWithApp }) => {
  const registered = registerClient(['--name', 'openid-client (public)', '--public', '--redirect-uri', redirectUri]);
  expect(registered.secret).toBeUndefined();
  const config = await oidc.discovery(new URL(issuer()), registered.clientId, undefined, oidc.None(), insecure);
  const { user } = await people.create({ user: { role: 'user' } });
  await firstLogInWithApp(user);
  const state = oidc.randomState();

  // Without a code challenge the request goes back with the error named, iss included.
  const bare = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: 'openid', state });
  const refused = await sentBack(page, bare);
  expect(refused.searchParams.get('error')).toBe('invalid_request');
  expect(refused.searchParams.get('iss')).toBe(issuer());

  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const back = await sentBack(page, url);
  const tokens = await oidc.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    idTokenExpected: true,
  });
  expect(tokens.claims()!.sub).toBeTruthy();
  expect(tokens.refresh_token).toBeUndefined();
});
