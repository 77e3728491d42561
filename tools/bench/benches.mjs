// The list of benchmarks, in the order `npm run bench` runs them.
import { cliStartup } from './cli-startup.mjs';
import { engine } from './engine.mjs';
import { guard } from './guard.mjs';
import { marketSim } from './market-sim.mjs';
import { sweep } from './sweep.mjs';
import { sweepQueue } from './sweep-queue.mjs';
import { auditCost, engineTight, replayCells, replayRead, soakRssBench } from './speed-limit.mjs';

export const benches = [cliStartup, guard, marketSim, engine, sweep, sweepQueue, engineTight, auditCost, replayRead, soakRssBench, replayCells];
