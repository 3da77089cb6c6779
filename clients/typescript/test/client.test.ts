import { describe, expect, it, vi } from 'vitest';
import {
  ConflictError,
  createGonghuiClient,
  memoryTokenStore,
  NotFoundError,
  ProblemError,
  ServerError,
  UnauthorizedError,
  ValidationError,
} from '../src/index.js';

const BASE = 'http://gateway.test';
const problem = (status: number, slug: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: `/problems/${slug}`, title: slug, status, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * A stand-in for the gateway's token endpoints that behaves like the real one where the client layer depends on it:
 * each refresh token works once, and access tokens can be expired at will.
 */
function fakeGateway() {
  let generation = 0;
  const valid = new Set<string>();
  const usedRefresh = new Set<string>();
  const calls: { path: string; auth: string | null }[] = [];
  const issue = (expiresIn = 900) => {
    generation += 1;
    valid.add(`access-${generation}`);
    return { accessToken: `access-${generation}`, refreshToken: `refresh-${generation}`, tokenType: 'Bearer', expiresIn };
  };
  let nextExpiresIn = 900;
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const auth = request.headers.get('Authorization');
    calls.push({ path, auth });
    if (path === '/auth/token') {
      const body = await request.json();
      return body.password === 'correct horse battery' ? json(issue(nextExpiresIn)) : problem(401, 'invalid-credentials');
    }
    if (path === '/auth/refresh') {
      const { refreshToken } = await request.json();
      const known = /^refresh-(\d+)$/.exec(refreshToken);
      if (!known || Number(known[1]) !== generation || usedRefresh.has(refreshToken)) {
        return problem(401, 'invalid-refresh-token');
      }
      usedRefresh.add(refreshToken);
      return json(issue());
    }
    const token = auth?.replace(/^Bearer /, '');
    if (!token || !valid.has(token)) return problem(401, 'unauthorized');
    if (path === '/auth/logout') return new Response(null, { status: 204 });
    if (path === '/auth/me') return json({ username: 'clerk', org: 'ld.lsj', roles: ['staff'] });
    if (path === '/api/v1/welfare/cases/missing') return problem(404, 'not-found', { detail: 'no such case' });
    if (path === '/api/v1/honors/nominations')
      return problem(400, 'validation', { errors: [{ field: 'justification', message: 'must not be blank' }] });
    if (path === '/api/v1/honors/nominations/n1/submit')
      return problem(409, 'quota-exhausted', { quotaScope: 'ld.lsj', quota: 3 });
    if (path === '/api/v1/volunteer/stats') return new Response('<html>Bad Gateway</html>', { status: 502 });
    return json({ items: [], page: 0, size: 20, total: 0 });
  });
  return {
    fetch,
    calls,
    expireAllAccessTokens: () => valid.clear(),
    issueShortLivedAtLogin: (seconds: number) => {
      nextExpiresIn = seconds;
    },
    refreshCalls: () => calls.filter((c) => c.path === '/auth/refresh').length,
  };
}

async function loggedIn(gateway = fakeGateway(), onSessionEnded = vi.fn()) {
  const tokens = memoryTokenStore();
  const client = createGonghuiClient({ baseUrl: BASE, fetch: gateway.fetch, tokens, onSessionEnded });
  await client.login('clerk', 'correct horse battery');
  return { client, gateway, tokens, onSessionEnded };
}

describe('login', () => {
  it('keeps the token pair and answers who is logged in', async () => {
    const { client, tokens, gateway } = await loggedIn();
    expect(client.isLoggedIn()).toBe(true);
    expect(tokens.get()?.accessToken).toBe('access-1');
    await client.api.GET('/api/v1/welfare/cases' as never);
    expect(gateway.calls.at(-1)).toEqual({ path: '/api/v1/welfare/cases', auth: 'Bearer access-1' });
  });

  it('throws UnauthorizedError with the problem slug on a wrong password and keeps no tokens', async () => {
    const client = createGonghuiClient({ baseUrl: BASE, fetch: fakeGateway().fetch });
    const error = await client.login('clerk', 'wrong').catch((e) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.slug).toBe('invalid-credentials');
    expect(client.isLoggedIn()).toBe(false);
  });
});

describe('problem+json answers become typed exceptions', () => {
  it('404 -> NotFoundError with detail', async () => {
    const { client } = await loggedIn();
    const error = await client.api.GET('/api/v1/welfare/cases/missing' as never).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.status).toBe(404);
    expect(error.message).toBe('no such case');
  });

  it('400 -> ValidationError with the field errors', async () => {
    const { client } = await loggedIn();
    const error = await client.api.POST('/api/v1/honors/nominations' as never, { body: {} } as never).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual([{ field: 'justification', message: 'must not be blank' }]);
  });

  it('409 keeps the extension members', async () => {
    const { client } = await loggedIn();
    const error = await client.api.POST('/api/v1/honors/nominations/n1/submit' as never).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.slug).toBe('quota-exhausted');
    expect(error.problem.quotaScope).toBe('ld.lsj');
  });

  it('a non-JSON 502 from a proxy still becomes a ServerError', async () => {
    const { client } = await loggedIn();
    const error = await client.api.GET('/api/v1/volunteer/stats' as never).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(502);
    expect(error.detail).toContain('Bad Gateway');
  });
});

describe('token refresh', () => {
  it('refreshes once on a refused access token and repeats the call with the new one', async () => {
    const { client, gateway, tokens } = await loggedIn();
    gateway.expireAllAccessTokens();
    await client.api.GET('/api/v1/welfare/cases' as never);
    expect(gateway.refreshCalls()).toBe(1);
    expect(tokens.get()?.accessToken).toBe('access-2');
    expect(gateway.calls.at(-1)).toEqual({ path: '/api/v1/welfare/cases', auth: 'Bearer access-2' });
  });

  it('sends a single-use refresh token once even when five calls fail at the same time', async () => {
    const { client, gateway, onSessionEnded } = await loggedIn();
    gateway.expireAllAccessTokens();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => client.api.GET('/api/v1/welfare/cases' as never)),
    );
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(gateway.refreshCalls()).toBe(1);
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('refreshes before the call when the access token is about to run out', async () => {
    const gateway = fakeGateway();
    gateway.issueShortLivedAtLogin(10); // less than the 30 s margin
    const { client } = await loggedIn(gateway);
    await client.api.GET('/api/v1/welfare/cases' as never);
    expect(gateway.refreshCalls()).toBeGreaterThanOrEqual(1);
    expect(gateway.calls.at(-1)?.auth).toBe('Bearer access-' + (1 + gateway.refreshCalls()));
    expect(gateway.calls.filter((c) => c.path === '/api/v1/welfare/cases')).toHaveLength(1);
  });

  it('ends the session when the refresh token is refused', async () => {
    const { client, gateway, tokens, onSessionEnded } = await loggedIn();
    tokens.set({ ...tokens.get()!, refreshToken: 'refresh-stolen-and-used' });
    gateway.expireAllAccessTokens();
    const error = await client.api.GET('/api/v1/welfare/cases' as never).catch((e) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.slug).toBe('invalid-refresh-token');
    expect(client.isLoggedIn()).toBe(false);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });
});

describe('logout', () => {
  it('revokes the refresh token at the gateway and forgets the pair', async () => {
    const { client, gateway, onSessionEnded } = await loggedIn();
    await client.logout();
    expect(gateway.calls.at(-1)).toEqual({ path: '/auth/logout', auth: 'Bearer access-1' });
    expect(client.isLoggedIn()).toBe(false);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });
});
