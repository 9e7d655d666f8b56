import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');

// The console is built into dist/apps/console, which the gateway serves at `/` (see
// libs/services/gateway/src/console). `npm run dev` is not needed: build, then npm start.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@houqin/api-client': path.join(root, 'libs/api-client/src/index.ts') } },
  build: {
    outDir: path.join(root, 'dist/apps/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        // The charts are large and only the dashboards need them: their own chunk, cached apart.
        codeSplitting: { groups: [{ name: 'charts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)/ }, { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component)/ }] },
      },
    },
  },
});
