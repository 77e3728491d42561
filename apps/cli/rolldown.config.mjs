// The CLI as a few files instead of hundreds of ESM modules (zod alone costs ~50 ms of start-up loaded
// file by file). Subcommands are separate chunks loaded when they run; the sweep's worker threads load their
// own entry. piscina stays outside the bundle (it locates its worker script through __dirname), and so do
// bullmq and ioredis (loaded only by mm sweep --queue and mm worker, as published).
import { appBundleConfig } from '../../tools/build/rolldown-app.mjs';

export default appBundleConfig({ input: { main: 'src/main.ts', 'sweep-worker': 'src/sweep-worker.ts' }, external: ['piscina', 'bullmq', 'ioredis'] });
