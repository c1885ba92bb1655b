import http from 'node:http';
import https from 'node:https';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * POSTs a JSON body and reads the whole answer, bounded by `timeoutMs` from start to end.
 * `onRequestWritten` runs once the request's last byte is handed to the socket: from then on
 * the robot may act on it whatever becomes of the answer (DeliverChannelMessage commits its
 * 'sent' there, as DeliverMail does at SMTP's end of data). No redirects are followed: a
 * webhook that answers 3xx is not a robot.
 */
export function postJson(url: string, body: unknown, options: { timeoutMs: number; onRequestWritten?: () => void }): Promise<HttpAnswer> {
  const u = new URL(url);
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const client = u.protocol === 'https:' ? https : http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = client.request(
      u,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': payload.length },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(overall);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 4000) });
        });
        res.on('error', reject);
      },
    );
    const overall = setTimeout(() => req.destroy(new Error(`no complete answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`the connection was idle for ${options.timeoutMs} ms`)));
    req.on('error', (e) => {
      clearTimeout(overall);
      reject(e);
    });
    req.end(payload, () => options.onRequestWritten?.());
  });
}
