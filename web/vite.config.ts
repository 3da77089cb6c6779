import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The gateway serves the built files under /console/ (Quinoa, see gateway/README.md); the client library is used
// from its sources so the console always matches the committed generated client.
export default defineConfig({
  base: '/console/',
  resolve: {
    alias: {
      '@gonghui/client': fileURLToPath(new URL('../clients/typescript/src/index.ts', import.meta.url)),
    },
    // the client's sources import openapi-fetch: take this package's copy, so clients/typescript needs no install
    dedupe: ['openapi-fetch'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // one module script and one stylesheet, no inline code: the gateway's CSP allows only 'self'
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev` next to a running suite: API calls go to the gateway
    proxy: {
      '/api': `http://localhost:${process.env.SUITE_HTTP_PORT_BASE ?? 8080}`,
      '/auth': `http://localhost:${process.env.SUITE_HTTP_PORT_BASE ?? 8080}`,
    },
  },
});
