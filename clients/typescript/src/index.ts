export { createGonghuiClient } from './client.js';
export type { GonghuiClient, GonghuiClientOptions, Me } from './client.js';
export * from './problems.js';
export { memoryTokenStore, webStorageTokenStore } from './session.js';
export type { TokenPair, TokenStore } from './session.js';
export type { paths, components, operations } from './generated/schema.js';
