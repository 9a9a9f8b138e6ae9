/** The time, injectable so tests move it forward instead of sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
