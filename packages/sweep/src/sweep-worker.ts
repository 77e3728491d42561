/** The worker-thread entry of a sweep's pool (piscina calls the default export with each cell). */
import { runSweepCell } from './sweep-cell.js';

export default runSweepCell;
