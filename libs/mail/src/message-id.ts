import { createHash } from 'node:crypto';

const FALLBACK_DOMAIN = 'reformflow.local';
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** The domain of `user@domain` or `Name <user@domain>`; undefined when there is none to take. */
export function domainOf(address: string): string | undefined {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  const mailbox = (angle ? angle[1] : address).trim();
  const at = mailbox.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = mailbox.slice(at + 1).toLowerCase();
  return DOMAIN.test(domain) ? domain : undefined;
}

/**
 * The Message-ID of a delivery: the same for every attempt at the same delivery key, so a
 * mail sent twice (a retry after an unacknowledged 250) is recognisably one message to
 * mail clients and servers that collapse duplicates by Message-ID.
 */
export function messageIdFor(deliveryKey: string, from: string): string {
  const hash = createHash('sha256').update(deliveryKey, 'utf8').digest('hex').slice(0, 32);
  return `<${hash}@${domainOf(from) ?? FALLBACK_DOMAIN}>`;
}
