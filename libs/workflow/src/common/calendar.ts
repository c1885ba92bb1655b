import { APP_CONFIG, type AppConfig, loadBusinessCalendar } from '#config';

/** Injection token for the BusinessCalendar read from config/calendars at start. */
export const CALENDAR = Symbol('CALENDAR');
export const calendarProvider = {
  provide: CALENDAR,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => loadBusinessCalendar(config.workflows.calendarsDir),
};
