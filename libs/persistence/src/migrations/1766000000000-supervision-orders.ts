import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `supervision_orders` (三色督办单): the reform office's formal orders on a matter or one of its
 * deadlines, as the domain's `SupervisionOrder` has it (libs/domain/src/matters/matter.ts): the
 * colour (blue: due soon, yellow: behind schedule or poor quality, red: overdue), the deadline
 * key it was issued on and what that deadline asked then, the unit it names, what must be done
 * by when, who issued it (null: the definition's rule), the unit's acknowledgement (签收) and the
 * office's closing (销号). An open order is an `order` deadline of that unit, keyed
 * `order:<id>`; the closing meets it.
 */
export class SupervisionOrders1766000000000 implements MigrationInterface {
  name = 'SupervisionOrders1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE supervision_orders (
        id uuid NOT NULL,
        matter_id uuid NOT NULL,
        position integer NOT NULL,
        colour varchar(8) NOT NULL,
        subject_key varchar(200),
        subject_title jsonb,
        unit_id uuid NOT NULL,
        requirement text NOT NULL,
        due_at timestamptz NOT NULL,
        due_given boolean NOT NULL,
        issued_at timestamptz NOT NULL,
        issued_by uuid,
        acknowledged_at timestamptz,
        acknowledged_by uuid,
        response text,
        closed_at timestamptz,
        closed_by uuid,
        closing_remark text,
        CONSTRAINT supervision_orders_pkey PRIMARY KEY (id),
        CONSTRAINT supervision_orders_matter_fkey FOREIGN KEY (matter_id) REFERENCES matters(id) ON DELETE CASCADE,
        CONSTRAINT supervision_orders_unit_fkey FOREIGN KEY (unit_id) REFERENCES units(id),
        CONSTRAINT supervision_orders_issued_by_fkey FOREIGN KEY (issued_by) REFERENCES users(id),
        CONSTRAINT supervision_orders_acknowledged_by_fkey FOREIGN KEY (acknowledged_by) REFERENCES users(id),
        CONSTRAINT supervision_orders_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES users(id),
        CONSTRAINT supervision_orders_colour_check CHECK (colour IN ('blue','yellow','red')),
        CONSTRAINT supervision_orders_acknowledged_check CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
        CONSTRAINT supervision_orders_closed_check CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
        CONSTRAINT supervision_orders_closed_acknowledged_check CHECK (closed_at IS NULL OR acknowledged_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX supervision_orders_matter_idx ON supervision_orders (matter_id)`);
    // the reform office's inbox (acknowledged, to close) and the bulletin (open red orders by unit) read the open ones
    await q.query(`CREATE INDEX supervision_orders_open_idx ON supervision_orders (unit_id, colour) WHERE closed_at IS NULL`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry','part','instruction','order'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deadlines WHERE kind = 'order'`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_kind_check`);
    await q.query(`
      ALTER TABLE deadlines ADD CONSTRAINT deadlines_kind_check
        CHECK (kind IN ('stage','approval_step','milestone','progress_report','urge_notice','authorization_expiry','part','instruction'))`);
    await q.query(`DROP TABLE supervision_orders`);
  }
}
