import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Party size: how many people a ticket is for (`tickets.party_size`, 1 for every ticket before), and how many
 * people wait in a queue (`queues.waiting_people`, beside `waiting_count`), which its capacity now counts. On
 * MySQL/MariaDB the join procedure is replaced by one that stores each join's party size and refuses a join
 * that would take the queue past its capacity in people ('FULL'); everything else is 009's procedure unchanged.
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
  DECLARE v_waiting_people INT;
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
  DECLARE j_party INT;
  DECLARE j_code_hourly INT;
  DECLARE j_code_daily INT;
  DECLARE joins CURSOR FOR
    SELECT id, name, email, phone, source, language, token_hash, owner_id, self_join, statuses, capacity,
      code_hourly, code_daily, party_size
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
      code_daily INT PATH '$.codeDaily',
      party_size INT PATH '$.partySize'
    )) AS j
    ORDER BY seq;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  START TRANSACTION;
  SELECT owner_id, status, self_join, capacity, one_per_contact, presence, next_number, waiting_count,
      waiting_people, version
    INTO v_owner, v_status, v_self_join, v_capacity, v_one_per_contact, v_presence, v_next, v_waiting,
      v_waiting_people, v_version
    FROM queues WHERE id = p_queue_id FOR UPDATE;
  IF v_done = 1 THEN
    SET v_found = 0;
  END IF;

  IF v_found = 1 THEN
    OPEN joins;
    take: LOOP
      FETCH joins INTO j_id, j_name, j_email, j_phone, j_source, j_language, j_token_hash, j_owner, j_self_join,
        j_statuses, j_capacity, j_code_hourly, j_code_daily, j_party;
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
        WHEN j_capacity = 1 AND v_capacity IS NOT NULL AND v_waiting_people + j_party > v_capacity THEN 'FULL'
        ELSE NULL
      END;
      IF v_refusal IS NULL THEN
        INSERT INTO tickets (id, queue_id, number, name, email, phone, status, source, language, token_hash,
            joined_at, party_size)
          VALUES (j_id, p_queue_id, v_next, j_name, j_email, j_phone, 'WAITING', j_source, j_language, j_token_hash,
            p_at, j_party);
        SET v_outcomes = JSON_ARRAY_APPEND(v_outcomes, '$', v_next);
        SET v_next = v_next + 1, v_waiting = v_waiting + 1, v_waiting_people = v_waiting_people + j_party,
          v_version = v_version + 1;
      ELSE
        SET v_outcomes = JSON_ARRAY_APPEND(v_outcomes, '$', v_refusal);
      END IF;
    END LOOP;
    CLOSE joins;
    UPDATE queues SET next_number = v_next, waiting_count = v_waiting, waiting_people = v_waiting_people,
        version = v_version, updated_at = p_at
      WHERE id = p_queue_id AND version <> v_version;
    SELECT q.*, v_outcomes AS outcomes FROM queues q WHERE q.id = p_queue_id;
  END IF;
  COMMIT;
END`;

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('tickets')
    .addColumn('party_size', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('queues')
    .addColumn('waiting_people', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Every ticket so far is for one person.
  await sql`UPDATE queues SET waiting_people = waiting_count`.execute(db);
  if (dialect !== 'mysql') return;
  await sql`DROP PROCEDURE IF EXISTS join_queue`.execute(db);
  await JOIN_QUEUE.execute(db);
}
