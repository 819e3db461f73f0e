import { freshMysql } from './databases';
import { freshDynamo } from './dynalite';
import { freshRedis } from './redis';

/**
 * A fresh MariaDB database, Redis prefix and dynalite table for server processes to share (as instances in
 * production share RDS, ElastiCache and DynamoDB): the environment to start each with, and the cleanup.
 */
export async function freshSharedStores(): Promise<{
  env: Record<string, string>;
  cleanup(): Promise<void>;
}> {
  const [sql, redis, dynamo] = await Promise.all([freshMysql(), freshRedis(), freshDynamo()]);
  return {
    env: {
      MYSQL_URL: sql.location,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      ACCOUNTS_TABLE: dynamo.table,
      PORT: '0',
    },
    cleanup: async () => {
      await Promise.all([sql.cleanup(), redis.cleanup(), dynamo.cleanup()]);
    },
  };
}
