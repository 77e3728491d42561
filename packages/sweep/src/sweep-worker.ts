/** The worker-thread entry of a sweep's pool (piscina calls the default export with each cell). */
import { runSweepCellInWorker } from './sweep-cell.js';

export default runSweepCellInWorker;
