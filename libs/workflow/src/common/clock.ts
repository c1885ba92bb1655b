import { type Clock, systemClock } from '#domain';

/** Injection token for the Clock: the system clock in production, one a test controls elsewhere. */
export const CLOCK = Symbol('CLOCK');
export const clockProvider = { provide: CLOCK, useValue: systemClock satisfies Clock };
