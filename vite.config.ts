import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server injects an inline React Refresh preamble and <style> tags, which the production CSP forbids.
 * Only while serving, the meta tag is relaxed; the built index.html keeps the strict policy untouched.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'techstore-relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://127.0.0.1:*");
    },
  };
}

// In `npm run dev`, calls to /api go to a running browser-mode host when TECHSTORE_HOST_URL names it.
const hostUrl = process.env.TECHSTORE_HOST_URL;

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Inlined assets become data: URLs or inline code; the CSP allows only files from 'self' (images: data: too).
    assetsInlineLimit: 0,
    // The polyfill is an inline script in index.html; Chromium (Electron and browser mode) needs none.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
  },
  server: hostUrl ? { proxy: { '/api': hostUrl } } : {},
});
