import type { Locale, RecipientRef } from '#domain';
import { DeputyStore, type Tx } from '#persistence';

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  locale: Locale;
  timeZone: string;
  notificationMode: 'immediate' | 'daily_digest';
  /** 委托代理: this person receives the mail as the deputy in force of the one it was for. */
  onBehalfOf?: { userId: string; displayName: string };
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
 * with no head on record escalates to its managers, so the level is never lost. A person
 * away with a deputy in force at `at` is replaced by the deputy (委托代理), and keeps a copy
 * when their period says so; since this runs when the mail is written (a timer's when it
 * fires), a timer planned before the period went to the deputy when it fires inside it.
 */
export async function resolveRecipients(tx: Pick<Tx, 'query'>, refs: readonly RecipientRef[], at: Date = new Date()): Promise<Recipient[]> {
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
  return withDeputies(tx, [...found.values()], at);
}

async function withDeputies(tx: Pick<Tx, 'query'>, people: Recipient[], at: Date): Promise<Recipient[]> {
  const periods = await DEPUTIES.inForceFor(
    tx,
    people.map((p) => p.userId),
    at,
  );
  if (periods.size === 0) return people;
  const deputyIds = [...new Set([...periods.values()].map((p) => p.deputyId))];
  const deputies = new Map(
    (await tx.query<Row>(`SELECT ${COLUMNS} FROM users u WHERE u.id = ANY($1::uuid[]) AND u.active`, [deputyIds])).map((r) => [
      r.id,
      toRecipient(r),
    ]),
  );
  const out = new Map<string, Recipient>();
  for (const p of people) {
    const period = periods.get(p.userId);
    const deputy = period && deputies.get(period.deputyId);
    if (!period || !deputy) {
      if (!out.has(p.userId)) out.set(p.userId, p);
      continue;
    }
    if (period.keepCopy && !out.has(p.userId)) out.set(p.userId, p);
    // the deputy's own copy, when they are a recipient in their own right, wins: it is theirs
    if (!out.has(deputy.userId) && !people.some((x) => x.userId === deputy.userId))
      out.set(deputy.userId, { ...deputy, onBehalfOf: { userId: p.userId, displayName: p.displayName } });
  }
  return [...out.values()];
}

const DEPUTIES = new DeputyStore();

/** Everyone who works as the reform office: they are told what no one else can fix. */
export async function reformOfficeRecipients(tx: Pick<Tx, 'query'>): Promise<Recipient[]> {
  return (await tx.query<Row>(`SELECT ${COLUMNS} FROM users u WHERE 'reform_office' = ANY(u.roles) AND u.active ORDER BY u.email`)).map(
    toRecipient,
  );
}

/** Every active manager of every unit: a bulletin (情况通报) goes to all of them. */
export async function managerRecipients(tx: Pick<Tx, 'query'>): Promise<Recipient[]> {
  return (await tx.query<Row>(`SELECT ${COLUMNS} FROM users u WHERE 'manager' = ANY(u.roles) AND u.active ORDER BY u.email`)).map(
    toRecipient,
  );
}
