// The privacy floor: the smallest minimum group size any round of a scan answered by individuals
// may have. An admin sets it (settings.min_group_size, never below 3); nobody, whatever their role,
// creates or changes a round below it, and every report applies it to older rounds as well.
import { AppError } from "../lib/errors.ts";

/** Below this no group is ever small enough to hide one person's answers in. */
export const absoluteMinGroupSize = 3;
export const defaultMinGroupSize = 5;
export const maxMinGroupSize = 1000;

export const belowFloor = (requested: number, floor: number) =>
  new AppError(
    400,
    "below-privacy-floor",
    `the minimum group size must be at least ${floor}, the organisation's privacy floor (an admin sets it under Instellingen)`,
    [{ field: "minGroupSize", reason: "not-allowed", message: `${requested} is below the privacy floor of ${floor}` }],
  );

/**
 * A new or changed round's minimum group size: what was asked for, or the floor when nothing was;
 * anything below the floor is refused, never silently raised, so the caller knows what was stored.
 */
export function roundMinGroupSize(requested: number | undefined, floor: number): number {
  if (requested === undefined) return floor;
  if (requested < floor) throw belowFloor(requested, floor);
  return requested;
}

/** The database trigger of migration 090 refused a round below the floor (a race with a floor change). */
export function isBelowFloorViolation(err: unknown): boolean {
  const e = err as { code?: string; constraint_name?: string };
  return e.code === "23514" && e.constraint_name === "rounds_min_group_size_floor";
}
