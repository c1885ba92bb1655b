// End-to-end tests wait for real timers and real processes: seconds, never minutes.
import { jest } from '@jest/globals';

jest.setTimeout(120_000);
