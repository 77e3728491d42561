/**
 * The queue-model registry: a model is picked by name (`risk-averse`, `power[:n]`, `log`) from the scenario, the
 * venue file or `--queue-model`. A new model is one file and one line here.
 */
import { MarketDataError } from './market-event.js';
import type { QueueModel } from './queue-model.js';
import { logProbQueue } from './internal/queue-log.js';
import { powerProbQueue } from './internal/queue-power.js';
import { riskAverseQueue } from './internal/queue-risk-averse.js';

export const DEFAULT_QUEUE_MODEL = 'risk-averse';

/** name -> factory from the optional parameter after the colon (undefined when there is none). */
const QUEUE_MODELS: Record<string, (param: number | undefined) => QueueModel> = {
  'risk-averse': () => riskAverseQueue(),
  power: (n) => powerProbQueue(n),
  log: () => logProbQueue(),
};

export const QUEUE_MODEL_NAMES: readonly string[] = Object.keys(QUEUE_MODELS);

/** The queue model a spec such as `power:3` names; an unknown name or a bad parameter is one clear line. */
export function queueModel(spec: string = DEFAULT_QUEUE_MODEL): QueueModel {
  const [name, param, ...rest] = spec.split(':');
  const make = Object.hasOwn(QUEUE_MODELS, name!) ? QUEUE_MODELS[name!] : undefined;
  const n = param === undefined ? undefined : Number(param);
  if (!make || rest.length || (n !== undefined && !(param !== '' && Number.isFinite(n) && n > 0))) {
    throw new MarketDataError(`queue model "${spec}": expected one of ${QUEUE_MODEL_NAMES.join(', ')} (power takes an exponent: power:3)`);
  }
  if (n !== undefined && name !== 'power') throw new MarketDataError(`queue model "${spec}": ${name} takes no parameter`);
  return make(n);
}

/** True when `spec` names a model (for config schemas). */
export function isQueueModel(spec: string): boolean {
  try {
    queueModel(spec);
    return true;
  } catch {
    return false;
  }
}
