import { defineConfig } from 'vitest/config';

// The API the dev server forwards to; the built portal is served by the API itself, at its own origin.
const devApi = process.env.OTT_API ?? 'http://127.0.0.1:8686';
// `^/branding/` as a pattern: the portal's own /branding page must stay with the dev server.
const apiRoutes = ['/trpc', '/store', '/pools', '^/branding/', '/sdk', '/qoe'];

export default defineConfig({
  // esbuild's own JSX transform: @vitejs/plugin-react does not install beside Vite 7 here, and the
  // portal needs no fast refresh to build.
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      onwarn(warning, warn) {
        // TanStack Query marks its hooks "use client" for React Server Components; a client bundle ignores
        // that by design (@vitejs/plugin-react silences the same warning).
        if ((warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'SOURCEMAP_ERROR') && /use client|react-query/.test(warning.message)) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: Object.fromEntries(
      apiRoutes.map((route) => [
        route,
        {
          target: devApi,
          changeOrigin: false,
          // The API takes its session cookie only from its own origin; the dev server's pages are the portal too.
          configure: (proxy) => proxy.on('proxyReq', (request) => request.getHeader('origin') && request.setHeader('origin', new URL(devApi).origin)),
        },
      ]),
    ),
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
