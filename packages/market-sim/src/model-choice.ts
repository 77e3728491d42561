/**
 * Which queue and exchange model a run uses: `--queue-model` / `--exchange-model` first, then the venue file's
 * `queue_model` / `exchange_model`, then the scenario's, then the defaults (RiskAverse, partial-fill).
 */
import { z } from 'zod';
import { DEFAULT_EXCHANGE_MODEL, EXCHANGE_MODEL_NAMES, isExchangeModel } from './exchange-models.js';
import { DEFAULT_QUEUE_MODEL, QUEUE_MODEL_NAMES, isQueueModel } from './queue-models.js';

/** The optional keys a venue or scenario file may set. */
export const modelChoiceFields = {
  queue_model: z
    .string()
    .refine(isQueueModel, { message: `expected one of ${QUEUE_MODEL_NAMES.join(', ')} (power takes an exponent: power:3)` })
    .optional()
    .describe(`queue model (${QUEUE_MODEL_NAMES.join(', ')}); default ${DEFAULT_QUEUE_MODEL}`),
  exchange_model: z
    .string()
    .refine(isExchangeModel, { message: `expected one of ${EXCHANGE_MODEL_NAMES.join(', ')}` })
    .optional()
    .describe(`exchange model (${EXCHANGE_MODEL_NAMES.join(', ')}); default ${DEFAULT_EXCHANGE_MODEL}`),
};

export interface ModelChoice {
  queue_model?: string;
  exchange_model?: string;
}

/** The models in force: the first of flag, venue, scenario that names one, else the default. */
export function chooseModels(...sources: Array<ModelChoice | undefined>): { queue: string; exchange: string } {
  return {
    queue: sources.find((s) => s?.queue_model !== undefined)?.queue_model ?? DEFAULT_QUEUE_MODEL,
    exchange: sources.find((s) => s?.exchange_model !== undefined)?.exchange_model ?? DEFAULT_EXCHANGE_MODEL,
  };
}
