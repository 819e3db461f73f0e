import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The built app is served by the local server at / and from S3 behind CloudFront in AWS; the API endpoint
// comes from /runtime-config.json at run time, never from the build.
export default defineConfig({
  plugins: [react()],
  // Source maps stay on disk for reading stack traces; the served files do not point at them.
  build: { outDir: 'dist', sourcemap: 'hidden', target: 'es2022' },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/runtime-config.json': 'http://localhost:4000',
    },
  },
});
