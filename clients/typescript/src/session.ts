/** Where the client keeps the token pair; a browser app may pass one backed by sessionStorage. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** epoch milliseconds when the access token runs out */
  expiresAt: number;
}

export interface TokenStore {
  get(): TokenPair | null;
  set(tokens: TokenPair | null): void;
}

export function memoryTokenStore(): TokenStore {
  let current: TokenPair | null = null;
  return {
    get: () => current,
    set: (tokens) => {
      current = tokens;
    },
  };
}

/** A TokenStore in Web Storage (e.g. `sessionStorage`) under one key. */
export function webStorageTokenStore(storage: Storage, key = 'gonghui.tokens'): TokenStore {
  return {
    get: () => {
      const raw = storage.getItem(key);
      if (!raw) return null;
      try {
        return JSON.parse(raw) as TokenPair;
      } catch {
        return null;
      }
    },
    set: (tokens) => (tokens ? storage.setItem(key, JSON.stringify(tokens)) : storage.removeItem(key)),
  };
}
