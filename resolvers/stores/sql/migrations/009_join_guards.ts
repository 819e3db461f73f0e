import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Self-join guards an owner can choose per queue: at most one live (waiting or called) ticket per phone number
 * or email (`one_per_contact`), and a presence code that rotates (`presence`: OFF, HOURLY, DAILY) and must be
 * given to self-join. On MySQL/MariaDB the join procedure is replaced by one that also refuses, after the
 * status and before the capacity as join-rules' `allocate` does, a self-join without the code in force
 * ('PRESENCE_CODE': each join says whether its code is the hourly or the daily one, checked in TypeScript since
 * it is an HMAC; so no read of the queue comes before the join) and one whose phone or email already holds a
 * live ticket of the queue ('DUPLICATE'). Everything else is 006's procedure unchanged.
 */
const JOIN_QUEUE = sql`
CREATE PROCEDURE join_queue(
  IN p_queue_id VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_joins LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  IN p_at BIGINT)
BEGIN
  DECLARE v_found INT DEFAULT 1;
  DECLARE v_done INT DEFAULT 0;
  DECLARE v_owner VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_status VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_self_join INT;
  DECLARE v_capacity INT;
  DECLARE v_one_per_contact INT;
  DECLARE v_presence VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_next INT;
  DECLARE v_waiting INT;
  DECLARE v_version INT;
  DECLARE v_refusal VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE v_outcomes LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT '[]';
  DECLARE j_id VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_name VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_phone VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_source VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_language VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_token_hash CHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_owner VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_self_join INT;
  DECLARE j_statuses VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  DECLARE j_capacity INT;
  DECLARE j_code_hourly INT;
  DECLARE j_code_daily INT;
  DECLARE joins CURSOR FOR
    SELECT id, name, email, phone, source, language, token_hash, owner_id, self_join, statuses, capacity,
      code_hourly, code_daily
    FROM JSON_TABLE(p_joins, '$[*]' COLUMNS (
      seq FOR ORDINALITY,
      id VARCHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.id',
      name VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.name',
      email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.email',
      phone VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.phone',
      source VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.source',
      language VARCHAR(8) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.language',
      token_hash CHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.tokenHash',
      owner_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.ownerId',
      self_join INT PATH '$.selfJoin',
      statuses VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$.statuses',
      capacity INT PATH '$.capacity',
      code_hourly INT PATH '$.codeHourly',
      code_daily INT PATH '$.codeDaily'
    )) AS j
    ORDER BY seq;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  START TRANSACTION;
  SELECT owner_id, status, self_join, capacity, one_per_contact, presence, next_number, waiting_count, version
    INTO v_owner, v_status, v_self_join, v_capacity, v_one_per_contact, v_presence, v_next, v_waiting, v_version
    FROM queues WHERE id = p_queue_id FOR UPDATE;
  IF v_done = 1 THEN
    SET v_found = 0;
  END IF;

  IF v_found = 1 THEN
    OPEN joins;
    take: LOOP
      FETCH joins INTO j_id, j_name, j_email, j_phone, j_source, j_language, j_token_hash, j_owner, j_self_join,
        j_statuses, j_capacity, j_code_hourly, j_code_daily;
      IF v_done = 1 THEN
        LEAVE take;
      END IF;
      SET v_refusal = CASE
        WHEN j_owner IS NOT NULL AND v_owner <> j_owner THEN 'NOT_OWNER'
        WHEN j_self_join = 1 AND v_self_join <> 1 THEN 'SELF_JOIN_OFF'
        WHEN FIND_IN_SET(v_status, j_statuses) = 0 THEN v_status
        WHEN j_self_join = 1 AND ((v_presence = 'HOURLY' AND j_code_hourly <> 1)
          OR (v_presence = 'DAILY' AND j_code_daily <> 1)) THEN 'PRESENCE_CODE'
        WHEN j_self_join = 1 AND v_one_per_contact = 1 AND EXISTS (
          SELECT 1 FROM tickets
          WHERE queue_id = p_queue_id AND status IN ('WAITING', 'CALLED')
            AND ((j_phone IS NOT NULL AND phone = j_phone) OR (j_email IS NOT NULL AND email = j_email))
        ) THEN 'DUPLICATE'
        WHEN j_capacity = 1 AND v_capacity IS NOT NULL AND v_waiting >= v_capacity THEN 'FULL'
        ELSE NULL
      END;
      IF v_refusal IS NULL THEN
        INSERT INTO tickets (id, queue_id, number, name, email, phone, status, source, language, token_hash,
            joined_at)
          VALUES (j_id, p_queue_id, v_next, j_name, j_email, j_phone, 'WAITING', j_source, j_language, j_token_hash,
            p_at);
        SET v_outcomes = JSON_ARRAY_APPEND(v_outcomes, '$', v_next);
        SET v_next = v_next + 1, v_waiting = v_waiting + 1, v_version = v_version + 1;
      ELSE
        SET v_outcomes = JSON_ARRAY_APPEND(v_outcomes, '$', v_refusal);
      END IF;
    END LOOP;
    CLOSE joins;
    UPDATE queues SET next_number = v_next, waiting_count = v_waiting, version = v_version, updated_at = p_at
      WHERE id = p_queue_id AND version <> v_version;
    SELECT q.*, v_outcomes AS outcomes FROM queues q WHERE q.id = p_queue_id;
  END IF;
  COMMIT;
END`;

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('queues')
    .addColumn('one_per_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('queues')
    .addColumn('presence', 'varchar(8)', (c) => c.notNull().defaultTo('OFF'))
    .execute();
  if (dialect !== 'mysql') return;
  await sql`DROP PROCEDURE IF EXISTS join_queue`.execute(db);
  await JOIN_QUEUE.execute(db);
}
