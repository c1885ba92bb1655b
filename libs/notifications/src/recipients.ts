import type { Locale, RecipientRef } from '#domain';
import type { Tx } from '#persistence';

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  locale: Locale;
  timeZone: string;
  notificationMode: 'immediate' | 'daily_digest';
}

type Row = {
  id: string;
  email: string;
  display_name: string;
  locale: Locale;
  time_zone: string;
  notification_mode: Recipient['notificationMode'];
};
const COLUMNS = 'u.id, u.email, u.display_name, u.locale, u.time_zone, u.notification_mode';

const toRecipient = (r: Row): Recipient => ({
  userId: r.id,
  email: r.email,
  displayName: r.display_name,
  locale: r.locale,
  timeZone: r.time_zone,
  notificationMode: r.notification_mode,
});

/**
 * Turns recipient references into the people who hold them now, each once. A unit
 * with no head on record escalates to its managers, so the level is never lost.
 */
export async function resolveRecipients(tx: Pick<Tx, 'query'>, refs: readonly RecipientRef[]): Promise<Recipient[]> {
  const found = new Map<string, Recipient>();
  const add = (rows: Row[]) => {
    for (const r of rows) found.set(r.id, toRecipient(r));
  };
  for (const ref of refs) {
    if (ref.kind === 'user') {
      add(await tx.query<Row>(`SELECT ${COLUMNS} FROM users u WHERE u.id = $1 AND u.active`, [ref.userId]));
    } else if (ref.kind === 'unit_role') {
      add(
        await tx.query<Row>(`SELECT ${COLUMNS} FROM users u WHERE u.unit_id = $1 AND $2 = ANY(u.roles) AND u.active ORDER BY u.email`, [
          ref.unitId,
          ref.role,
        ]),
      );
    } else if (ref.kind === 'unit') {
      add(await tx.query<Row>(`SELECT ${COLUMNS} FROM users u WHERE u.unit_id = $1 AND u.active ORDER BY u.email`, [ref.unitId]));
    } else {
      const head = await tx.query<Row>(
        `SELECT ${COLUMNS} FROM units n JOIN users u ON u.id = n.head_user_id WHERE n.id = $1 AND u.active`,
        [ref.unitId],
      );
      add(
        head.length
          ? head
          : await tx.query<Row>(
              `SELECT ${COLUMNS} FROM users u WHERE u.unit_id = $1 AND 'manager' = ANY(u.roles) AND u.active ORDER BY u.email`,
              [ref.unitId],
            ),
      );
    }
  }
  return [...found.values()];
}

/** Everyone who works as the reform office: they are told what no one else can fix. */
export async function reformOfficeRecipients(tx: Pick<Tx, 'query'>): Promise<Recipient[]> {
  return (await tx.query<Row>(`SELECT ${COLUMNS} FROM users u WHERE 'reform_office' = ANY(u.roles) AND u.active ORDER BY u.email`)).map(
    toRecipient,
  );
}
