import { z } from 'zod';

export const deliveryQuery = z.strictObject({
  state: z.enum(['pending', 'held', 'queued', 'sending', 'sent', 'failed', 'digested', 'cancelled']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
