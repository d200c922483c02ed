import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the console talks to a separately started server; the proxy keeps the
// browser on one origin so the API client needs no CORS handling or base URL.
const apiTarget = process.env.ORGBRIDGE_API ?? 'http://127.0.0.1:3100';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // A RegExp key: a plain '/sys' prefix would also catch the console's own /system/... pages.
      '^/sys/': { target: apiTarget, changeOrigin: true },
      '/health': { target: apiTarget, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
