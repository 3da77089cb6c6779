import { createGonghuiClient, webStorageTokenStore } from '@gonghui/client';

/** One client for the page: same origin as the console (the gateway), tokens in sessionStorage (gone with the tab). */
export const gonghui = createGonghuiClient({
  baseUrl: '',
  tokens: webStorageTokenStore(sessionStorage),
  onSessionEnded: () => window.dispatchEvent(new CustomEvent('gonghui:session-ended')),
});

/** GET a JSON path with the token; failures are thrown as ProblemError subclasses by the client. */
export async function getJson<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const { data } = await gonghui.api.GET(path as never, { params: { query: clean(query) } } as never);
  return data as T;
}

export async function postJson<T>(
  path: string,
  body?: unknown,
  options: { query?: Record<string, string | number | boolean | undefined>; idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const { data } = await gonghui.api.POST(
    path as never,
    { body: body ?? {}, params: { query: clean(options.query ?? {}) }, headers } as never,
  );
  return data as T;
}

export async function deleteJson<T>(path: string): Promise<T> {
  const { data } = await gonghui.api.DELETE(path as never, {} as never);
  return data as T;
}

function clean<V>(query: Record<string, V | undefined>): Record<string, V> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as Record<string, V>;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}
