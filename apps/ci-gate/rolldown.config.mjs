// ci-gate bundled as apps/cli is (see tools/build/rolldown-app.mjs).
import { appBundleConfig } from '../../tools/build/rolldown-app.mjs';

export default appBundleConfig({ input: { main: 'src/main.ts' } });
