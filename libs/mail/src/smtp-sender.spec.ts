import { SmtpSender, endOfDataHookAvailable } from './smtp-sender.js';

describe(SmtpSender.name, () => {
  it('finds the nodemailer internal its end-of-data hook relies on (an upgrade that moves it must fail here first)', () => {
    expect(endOfDataHookAvailable()).toBe(true);
    expect(
      () => new SmtpSender({ host: '127.0.0.1', port: 25, secure: false, timeoutMs: 1_000, pool: false, maxConnections: 1 }),
    ).not.toThrow();
  });
});
