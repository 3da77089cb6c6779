import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/schema.js';
import { problemFromResponse, UnauthorizedError } from './problems.js';
import { memoryTokenStore, type TokenPair, type TokenStore } from './session.js';

export interface GonghuiClientOptions {
  /** the gateway, e.g. `http://localhost:8080`; '' for the page's own origin */
  baseUrl: string;
  /** where the token pair lives (default: memory) */
  tokens?: TokenStore;
  /** called once when the login is over: refresh refused (used, expired or revoked) or logout */
  onSessionEnded?: () => void;
  /** refresh this long before the access token expires (default 30 s) */
  refreshMarginMs?: number;
  fetch?: typeof globalThis.fetch;
}

export interface Me {
  username: string;
  org: string;
  roles: string[];
  volunteerId?: string | null;
}

interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

export interface GonghuiClient {
  /** typed calls for every path of the merged OpenAPI; a non-2xx answer is thrown as a ProblemError subclass */
  api: Client<paths>;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  /** exchanges the refresh token for a new pair; concurrent callers share one exchange (the token works once) */
  refresh(): Promise<void>;
  me(): Promise<Me>;
  isLoggedIn(): boolean;
  /** GET a path with the bearer token and an Accept header, e.g. the annual report as xlsx */
  download(path: string, accept: string): Promise<Blob>;
}

export function createGonghuiClient(options: GonghuiClientOptions): GonghuiClient {
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const store = options.tokens ?? memoryTokenStore();
  const margin = options.refreshMarginMs ?? 30_000;
  const rawFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let refreshing: Promise<void> | null = null;

  const keep = (answer: TokenResponse) =>
    store.set({
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      expiresAt: Date.now() + answer.expiresIn * 1000,
    });

  const endSession = () => {
    if (store.get() !== null) {
      store.set(null);
      options.onSessionEnded?.();
    }
  };

  async function postJson(path: string, body: unknown, token?: string): Promise<Response> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    return rawFetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  function refresh(): Promise<void> {
    // a refresh token is single use: presenting it twice revokes the whole login, so never send it twice
    refreshing ??= (async () => {
      const current = store.get();
      if (!current) throw new UnauthorizedError(401, { title: 'Not logged in', status: 401 });
      const response = await postJson('/auth/refresh', { refreshToken: current.refreshToken });
      if (!response.ok) {
        const problem = await problemFromResponse(response);
        if (problem.status === 401) endSession();
        throw problem;
      }
      keep((await response.json()) as TokenResponse);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function freshToken(): Promise<TokenPair | null> {
    if (refreshing) await refreshing.catch(() => undefined);
    const current = store.get();
    if (current && current.expiresAt - Date.now() < margin) {
      await refresh();
      return store.get();
    }
    return current;
  }

  /** fetch with the bearer token; one retry after a refresh when the token was refused; errors thrown as problems */
  async function authedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const send = (tokens: TokenPair | null) => {
      const attempt = request.clone();
      if (tokens) attempt.headers.set('Authorization', `Bearer ${tokens.accessToken}`);
      return rawFetch(attempt);
    };
    let tokens = await freshToken();
    let response = await send(tokens);
    if (response.status === 401 && tokens) {
      const sentWith = tokens.accessToken;
      // another call may have refreshed meanwhile; only exchange if our token is still the current one
      if (store.get()?.accessToken === sentWith) await refresh();
      tokens = store.get();
      if (tokens) response = await send(tokens);
    }
    if (!response.ok) throw await problemFromResponse(response);
    return response;
  }

  const api = createClient<paths>({ baseUrl, fetch: authedFetch });

  async function me(): Promise<Me> {
    const response = await authedFetch(`${baseUrl}/auth/me`, { headers: { Accept: 'application/json' } });
    return (await response.json()) as Me;
  }

  return {
    api,
    async login(username, password) {
      const response = await postJson('/auth/token', { username, password });
      if (!response.ok) throw await problemFromResponse(response);
      keep((await response.json()) as TokenResponse);
      return me();
    },
    async logout() {
      const current = store.get();
      if (!current) return;
      try {
        const response = await postJson('/auth/logout', { refreshToken: current.refreshToken }, current.accessToken);
        if (!response.ok && response.status !== 401) throw await problemFromResponse(response);
      } finally {
        endSession();
      }
    },
    refresh,
    me,
    isLoggedIn: () => store.get() !== null,
    async download(path, accept) {
      const response = await authedFetch(`${baseUrl}${path}`, { headers: { Accept: accept } });
      return response.blob();
    },
  };
}
