import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server started by `videopro serve` during development (see docs/architecture.md).
const devServer = process.env.VIDEOPRO_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: devServer, changeOrigin: false },
      '/healthz': { target: devServer, changeOrigin: false },
      '/ws': { target: devServer, ws: true, changeOrigin: false },
    },
  },
});
