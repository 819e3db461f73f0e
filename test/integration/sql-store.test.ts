import { inject } from 'vitest';
import { SqlQueueStore } from '../../resolvers/stores/sql/queue-store';
import { joinsContract } from '../contract/joins.contract';
import { queueStoreContract } from '../contract/queue-store.contract';
import { freshMysql, freshSqlite, type TestSql } from '../support/databases';

const harness = (open: () => Promise<TestSql>) => async () => {
  const db = await open();
  return { store: new SqlQueueStore(db.sql), cleanup: db.cleanup };
};

queueStoreContract('SQLite', harness(freshSqlite));
queueStoreContract('MariaDB', harness(freshMysql), inject('services').mysql);
joinsContract('SQLite', harness(freshSqlite));
joinsContract('MariaDB', harness(freshMysql), inject('services').mysql);
