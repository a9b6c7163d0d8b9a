import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @brickyard/web` serves the app with hot reload and hands the REST API to the
// platform's API (DATABRICKS_HOST of .brickyard/env), so the session cookie is same-origin.
const api = process.env.DATABRICKS_HOST ?? 'http://127.0.0.1:18080';

export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': api } },
});
