/** The sweep pool's worker entry, bundled beside main.js (dist/sweep-worker.js). */
import { runSweepCellInWorker } from '@mm-profiles/sweep';

export default runSweepCellInWorker;
