// The list of benchmarks, in the order `npm run bench` runs them.
import { cliStartup } from './cli-startup.mjs';

export const benches = [cliStartup];
