import { Injectable } from '@nestjs/common';
import type { Locale } from '#domain';
import type { Tx } from '../db.js';

/** The group robots a unit can have; the CHECK of unit_channels.kind (migration 1765500000000) says the same. */
export const ROBOT_KINDS = ['wecom', 'dingtalk'] as const;
export type RobotKind = (typeof ROBOT_KINDS)[number];

/** A unit's robot as the API shows it: its credentials masked, its secret only said to be there. */
export interface UnitChannelView {
  id: string;
  unitId: string;
  kind: RobotKind;
  /** The webhook with the key / access token in its query masked to its last four characters. */
  webhookUrl: string;
  hasSecret: boolean;
  language: Locale;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What a sender needs to reach the robot: the credentials themselves. Never leaves the worker. */
export interface UnitChannelTarget {
  id: string;
  unitId: string;
  kind: RobotKind;
  webhookUrl: string;
  secret: string | null;
  language: Locale;
  enabled: boolean;
}

interface Row {
  id: string;
  unit_id: string;
  kind: RobotKind;
  webhook_url: string;
  secret: string | null;
  language: Locale;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, unit_id, kind, webhook_url, secret, language, enabled, created_at, updated_at';

/** Every query value of a webhook (WeCom's `key`, DingTalk's `access_token`) cut to its last four characters. */
export function maskWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const [name, value] of [...u.searchParams]) u.searchParams.set(name, `****${value.length > 8 ? value.slice(-4) : ''}`);
    return u.toString().replaceAll('%2A', '*');
  } catch {
    return '****';
  }
}

const toView = (r: Row): UnitChannelView => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind,
  webhookUrl: maskWebhookUrl(r.webhook_url),
  hasSecret: r.secret !== null,
  language: r.language,
  enabled: r.enabled,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});
const toTarget = (r: Row): UnitChannelTarget => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind,
  webhookUrl: r.webhook_url,
  secret: r.secret,
  language: r.language,
  enabled: r.enabled,
});

type Reader = Pick<Tx, 'query'>;

/**
 * The one door to `unit_channels`: a unit's WeCom and DingTalk group robots, one of each kind
 * at most. Views mask the webhook's credentials and never carry the secret; only `target`
 * (read by the worker that sends) returns them.
 */
@Injectable()
export class UnitChannelStore {
  async list(tx: Reader, unitId: string): Promise<UnitChannelView[]> {
    const rows = await tx.query<Row>(`SELECT ${COLUMNS} FROM unit_channels WHERE unit_id = $1 ORDER BY kind`, [unitId]);
    return rows.map(toView);
  }

  async find(tx: Reader, unitId: string, kind: RobotKind): Promise<UnitChannelTarget | null> {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM unit_channels WHERE unit_id = $1 AND kind = $2`, [unitId, kind]);
    return row ? toTarget(row) : null;
  }

  /**
   * Creates or replaces the unit's robot of this kind. The caller passes the secret to keep (the
   * stored one when it is not changed): the CHECK on the inserted row is tested before ON CONFLICT.
   */
  async put(
    tx: Reader,
    unitId: string,
    kind: RobotKind,
    input: { webhookUrl: string; secret: string | null; language: Locale; enabled: boolean },
  ): Promise<UnitChannelView> {
    const [row] = await tx.query<Row>(
      `INSERT INTO unit_channels (unit_id, kind, webhook_url, secret, language, enabled) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (unit_id, kind) DO UPDATE SET webhook_url = EXCLUDED.webhook_url, secret = EXCLUDED.secret,
         language = EXCLUDED.language, enabled = EXCLUDED.enabled, updated_at = now()
       RETURNING ${COLUMNS}`,
      [unitId, kind, input.webhookUrl, input.secret, input.language, input.enabled],
    );
    return toView(row);
  }

  async remove(tx: Reader, unitId: string, kind: RobotKind): Promise<UnitChannelView | null> {
    const [row] = await tx.query<Row>(
      `WITH gone AS (DELETE FROM unit_channels WHERE unit_id = $1 AND kind = $2 RETURNING ${COLUMNS}) SELECT * FROM gone`,
      [unitId, kind],
    );
    return row ? toView(row) : null;
  }

  /** The enabled robots of these units, which a notification for their people also goes to. */
  async enabledFor(tx: Reader, unitIds: readonly string[]): Promise<Array<Pick<UnitChannelTarget, 'id' | 'unitId' | 'kind' | 'language'>>> {
    if (unitIds.length === 0) return [];
    const rows = await tx.query<Row>(
      `SELECT ${COLUMNS} FROM unit_channels WHERE unit_id = ANY($1::uuid[]) AND enabled ORDER BY unit_id, kind`,
      [[...new Set(unitIds)]],
    );
    return rows.map((r) => ({ id: r.id, unitId: r.unit_id, kind: r.kind, language: r.language }));
  }

  /** The robot a message goes to, with its credentials; null once removed. */
  async target(tx: Reader, channelId: string): Promise<UnitChannelTarget | null> {
    const [row] = await tx.query<Row>(`SELECT ${COLUMNS} FROM unit_channels WHERE id = $1`, [channelId]);
    return row ? toTarget(row) : null;
  }
}
