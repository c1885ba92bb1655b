import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { classifySmtpError, describeSmtpError, smtpReplyOf } from './mail-transport.js';

/**
 * Errors exactly as nodemailer 10 builds them: its SMTP connection's own formatter sets
 * `code`, `response`, `responseCode` (and keeps a system error's code as `originalCode`).
 */
type Format = (message: string | Error, type: string, response: string | false, command: string) => Error;
const format: Format = (message, type, response, command) =>
  (new SMTPConnection({}) as unknown as { _formatError: Format })._formatError(message, type, response, command);

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code, errno: -1, syscall: 'connect' });

describe(classifySmtpError.name, () => {
  it.each([
    ['451 at the end of DATA', format('Message failed', 'EMESSAGE', '451 4.3.0 Try again later', 'DATA')],
    ['450 to RCPT TO', format("Can't send mail - all recipients were rejected", 'EENVELOPE', '450 4.2.1 Mailbox busy', 'RCPT TO')],
    ['421 service closing', format('Connection closed unexpectedly', 'ECONNECTION', '421 4.3.2 Shutting down', 'CONN')],
    ['452 too many recipients', format('Message failed', 'EMESSAGE', '452 4.5.3 Too many recipients', 'DATA')],
    [
      '503 bad sequence (about the session, not the message)',
      format('Data command failed', 'EENVELOPE', '503 5.5.1 Error: bad sequence', 'DATA'),
    ],
    [
      '535 refused login (our configuration, not this mail)',
      format('Invalid login', 'EAUTH', '535 5.7.8 Authentication failed', 'AUTH PLAIN'),
    ],
    ['connection refused', format(systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:2525'), 'ESOCKET', false, 'CONN')],
    ['connection reset', format(systemError('ECONNRESET', 'read ECONNRESET'), 'ESOCKET', false, 'CONN')],
    ['connection closed', format('Connection closed unexpectedly', 'ECONNECTION', false, 'CONN')],
    ['socket timeout', format(Object.assign(new Error('Timeout'), { timeoutType: 'SOCKET_TIMEOUT' }), 'ETIMEDOUT', false, 'CONN')],
    ['greeting timeout', format('Greeting never received', 'ETIMEDOUT', false, 'CONN')],
    ['DNS failure', format(systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND smtp.invalid'), 'EDNS', false, 'CONN')],
    ['TLS failure', format('Error initiating TLS - wrong version number', 'ETLS', false, 'CONN')],
    ['our own deadline on the send', Object.assign(new Error('Message sending aborted'), { name: 'AbortError', code: 'EABORT' })],
    ['a bare system error', systemError('ECONNRESET', 'socket hang up')],
    ['an error of unknown kind', new Error('something odd')],
    ['a thrown string', 'boom'],
    ['nothing', undefined],
  ])('retries %s', (_what, error) => {
    expect(classifySmtpError(error)).toBe('transient');
  });

  it.each([
    ['550 at the end of DATA', format('Message failed', 'EMESSAGE', '550 5.7.1 Message rejected as spam', 'DATA')],
    ['550 to RCPT TO', format("Can't send mail - all recipients were rejected", 'EENVELOPE', '550 5.1.1 User unknown', 'RCPT TO')],
    ['552 message too big', format('Message failed', 'EMESSAGE', '552 5.3.4 Message size exceeds fixed limit', 'DATA')],
    ['553 sender refused', format('Mail command failed', 'EENVELOPE', '553 5.7.1 Sender address rejected', 'MAIL FROM')],
    ['554 transaction failed', format('Message failed', 'EMESSAGE', '554 5.7.0 Transaction failed', 'DATA')],
    ['an address nodemailer refuses before sending', format('Invalid recipient "not an address"', 'EENVELOPE', false, 'API')],
    ['an empty message', format('Empty message', 'EMESSAGE', false, 'API')],
  ])('gives up on %s', (_what, error) => {
    expect(classifySmtpError(error)).toBe('permanent');
  });
});

describe(smtpReplyOf.name, () => {
  it('is the server’s reply when there was one, null otherwise', () => {
    expect(smtpReplyOf(format('Message failed', 'EMESSAGE', '550 5.1.1 User unknown', 'DATA'))).toBe('550 5.1.1 User unknown');
    expect(smtpReplyOf(format('Connection closed unexpectedly', 'ECONNECTION', false, 'CONN'))).toBeNull();
    expect(smtpReplyOf(null)).toBeNull();
  });
});

describe(describeSmtpError.name, () => {
  it('names the code, the system code under it, and the message with the reply', () => {
    expect(describeSmtpError(format(systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:2525'), 'ESOCKET', false, 'CONN'))).toBe(
      'ESOCKET/ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525',
    );
    expect(describeSmtpError(format('Message failed', 'EMESSAGE', '451 4.3.0 Try again later', 'DATA'))).toBe(
      'EMESSAGE: Message failed: 451 4.3.0 Try again later',
    );
    expect(describeSmtpError('boom')).toBe('boom');
  });
});
