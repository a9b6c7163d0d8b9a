import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev -w @brickyard/web` serves the app with hot reload and hands the REST API to the
// platform's API (DATABRICKS_HOST of .brickyard/env), so the session cookie is same-origin.
const api = process.env.DATABRICKS_HOST ?? 'http://127.0.0.1:18080';

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

/**
 * Brotli and gzip copies of every text file beside it, which the API sends to browsers that
 * accept them (@fastify/static's preCompressed): compressed once at build, never per request.
 */
function precompress(): Plugin {
  return {
    name: 'brickyard-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const content = await readFile(join(dir, name));
          await writeFile(join(dir, `${name}.br`), await promisify(brotliCompress)(content));
          await writeFile(join(dir, `${name}.gz`), await promisify(gzip)(content, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: { target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': api } },
});
