/** A message for a group: a short title (DingTalk shows it in the chat list) and its Markdown body. */
export interface ChannelMessage {
  title: string;
  markdown: string;
}

/** Where it goes: the channel's webhook and, for DingTalk, its signing secret. */
export interface ChannelAddress {
  webhookUrl: string;
  secret: string | null;
}

export interface ChannelSendHooks {
  /** The request is in the socket: the service may act on it from here on, whatever its answer. */
  onRequestWritten?: () => void;
}

/**
 * Refused or unreachable. `transient` (rate limited, busy, 5xx, timeouts) is retried by the
 * queue with its backoff; `permanent` (a wrong key, token or signature, a malformed message)
 * never succeeds by trying again and fails the delivery. `answer` is the service's own reply.
 */
export class ChannelSendError extends Error {
  override name = 'ChannelSendError';
  constructor(
    readonly kind: 'transient' | 'permanent',
    message: string,
    readonly answer: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * One kind of channel (企业微信 group robot, 钉钉 group robot; an SMS gateway would be one
 * more): it knows its service's request and answer formats and nothing of deliveries. It sends
 * once per call — retrying is the queue's, where each try is a claimed attempt on the row —
 * and answers the service's reply for the delivery log, or throws ChannelSendError.
 */
export interface ChannelSender {
  readonly kind: string;
  send(to: ChannelAddress, message: ChannelMessage, hooks?: ChannelSendHooks): Promise<{ response: string }>;
}

/** The reply of a service that answers `{ errcode, errmsg }` with HTTP 200 (both robots do), read as success or a classified failure. */
export function readErrcodeAnswer(
  service: string,
  answer: { status: number; body: string },
  transientCodes: ReadonlySet<number>,
): { response: string } {
  const { status, body } = answer;
  if (status === 429 || status >= 500) throw new ChannelSendError('transient', `${service} answered HTTP ${status}`, body);
  if (status !== 200) throw new ChannelSendError('permanent', `${service} answered HTTP ${status}`, body);
  let parsed: { errcode?: unknown; errmsg?: string };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new ChannelSendError('transient', `${service} answered something that is not JSON`, body);
  }
  const code = Number(parsed.errcode);
  if (code === 0) return { response: body };
  const what =
    `${service} refused the message: errcode ${String(parsed.errcode)} ${typeof parsed.errmsg === 'string' ? parsed.errmsg : ''}`.trim();
  throw new ChannelSendError(transientCodes.has(code) ? 'transient' : 'permanent', what, body);
}
