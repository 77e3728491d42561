/**
 * The `quoter` key of a profile: which strategy quotes it and that strategy's parameters. Absent, the profile is
 * quoted by SPEC 5's profile quoter from its ten fields; `{ "kind": "glft", ... }` names the GLFT closed form
 * (packages/quoter) with its parameters in the units `mm calibrate` fits. The ten fields still hold for every
 * kind: the guard (min interval, replace rate, concurrency, position limit) and the tail-age refresh apply to
 * whatever quotes, and GLFT replaces a live order past `max_delta_ratio` of its own half-spread.
 */
import { z } from 'zod';

const positive = (what: string) =>
  z
    .number()
    .refine(Number.isFinite, 'must be a finite number')
    .refine((x) => x > 0, 'must be > 0')
    .describe(what);

export const QUOTER_KINDS = ['profile', 'glft'] as const;

/** Built on first use: a command that reads no `quoter` key (the sentinel's dry run on a profile without one) pays nothing for it. */
function buildQuoterSpecSchema() {
  const profile = z.strictObject({ kind: z.literal('profile') });
  const glft = z.strictObject({
    kind: z.literal('glft'),
    gamma: positive('risk aversion γ, per bps'),
    sigma_bps_per_sqrt_s: positive('mid volatility σ, bps per √s (mm calibrate prints it: "1-s returns ... bps/sqrt(s)")'),
    a_per_s: positive('fill intensity at the mid A, per second (mm calibrate: calibration.fill_intensity.A_per_s)'),
    k_per_bps: positive('decay k of the fill intensity with depth, per bps (mm calibrate: fill_intensity.k_per_bps)'),
    source: z.string().optional().describe('where σ, A and k came from (the calibrate command)'),
  });
  return z.discriminatedUnion('kind', [profile, glft], {
    error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${QUOTER_KINDS.map((k) => `"${k}"`).join(', ')}` : undefined),
  });
}

type QuoterSpecSchema = ReturnType<typeof buildQuoterSpecSchema>;
let quoterSpecSchemaBuilt: QuoterSpecSchema | undefined;

/** The `quoter` key's schema (one instance, built on the first call). */
export function quoterSpecSchema(): QuoterSpecSchema {
  return (quoterSpecSchemaBuilt ??= buildQuoterSpecSchema());
}

export type QuoterSpec = z.infer<QuoterSpecSchema>;
export type ProfileQuoterSpec = Extract<QuoterSpec, { kind: 'profile' }>;
export type GlftQuoterSpec = Extract<QuoterSpec, { kind: 'glft' }>;
/** The GLFT parameters a sweep may vary (`quoter.<name>` fields of a grid). */
export const GLFT_PARAMS = ['gamma', 'sigma_bps_per_sqrt_s', 'a_per_s', 'k_per_bps'] as const;

export const DEFAULT_QUOTER: ProfileQuoterSpec = { kind: 'profile' };
