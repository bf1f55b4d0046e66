// Two library builds: `vite build` writes the ES modules for bundlers (hls.js left to the app's bundler, so
// it can pick hls.js/light), `vite build --mode iife` the single-file script-tag bundle with hls.js inside.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    define: { __OTT_SDK_VERSION__: JSON.stringify(version) },
    build: {
      outDir: 'dist',
      // The first build (ES) clears dist; the second adds to it.
      emptyOutDir: !iife,
      target: 'es2020',
      sourcemap: true,
      minify: 'esbuild',
      reportCompressedSize: false,
      lib: iife
        ? { entry: 'src/iife.ts', formats: ['iife'], name: 'OttPlayer', fileName: () => 'ott-player.js' }
        : { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rollupOptions: iife ? {} : { external: ['hls.js', /^hls\.js\//], output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  };
});
