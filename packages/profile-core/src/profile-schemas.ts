/**
 * zod schemas for the two profile file shapes: the base file (every field, absolute, within its range) and a
 * profile file (each field absolute or as `<field>_delta`, strict). Every command that reads a profile needs both.
 */
import { z } from 'zod';
import { DELTA_SUFFIX, FIELD_RULES, PROFILE_FIELDS, fieldViolation, type ProfileField } from './profile-fields.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

function appliedValue(field: ProfileField) {
  return finite.superRefine((value, ctx) => {
    const why = fieldViolation(field, value);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });
}

const fieldShape = (make: (f: ProfileField) => z.ZodType<number>) =>
  Object.fromEntries(PROFILE_FIELDS.map((f) => [f, make(f).describe(FIELD_RULES[f].description)])) as Record<
    ProfileField,
    z.ZodType<number>
  >;

/** `config/profiles/base.json`: every field, absolute, valid. */
export const baseProfileSchema = z.strictObject(fieldShape(appliedValue));

export type AppliedProfile = Record<ProfileField, number>;

/** A profile file: any field as an absolute value or a `_delta`, never both, nothing else. */
export const profileFileSchema = z
  .strictObject(
    Object.fromEntries(
      PROFILE_FIELDS.flatMap((f) => [
        [f, finite.optional()],
        [f + DELTA_SUFFIX, finite.optional()],
      ]),
    ) as Record<string, z.ZodOptional<z.ZodNumber>>,
  )
  .superRefine((profile, ctx) => {
    for (const f of PROFILE_FIELDS) {
      if (profile[f] !== undefined && profile[f + DELTA_SUFFIX] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [f + DELTA_SUFFIX],
          message: `both "${f}" and "${f}${DELTA_SUFFIX}" are set; keep one (an absolute value or a delta over the base)`,
        });
      }
    }
  });

export type ProfileFile = Partial<Record<string, number>>;
