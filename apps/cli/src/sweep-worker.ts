/** The sweep pool's worker entry, bundled beside main.js (dist/sweep-worker.js). */
import { runSweepCell } from '@mm-profiles/sweep';

export default runSweepCell;
