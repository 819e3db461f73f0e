import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { TEST_MYSQL_URL, TEST_REDIS_URL, type ServiceAvailability } from './services';

async function probe(name: string, check: () => Promise<void>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI)
      throw new Error(`CI needs ${name} for the integration tests, and it is not reachable: ${reason}`);
    const bar = '!'.repeat(78);
    process.stderr.write(
      `\n${bar}\n!! ${name} is not reachable (${reason}).\n!! Its integration suites are SKIPPED. In CI this is a failure.\n${bar}\n\n`,
    );
    return false;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const services: ServiceAvailability = {
    mysql: await probe('MariaDB/MySQL', async () => {
      const connection = await createConnection({ uri: TEST_MYSQL_URL, connectTimeout: 2000 });
      await connection.end();
    }),
    redis: await probe('Redis', async () => {
      const redis = new Redis(TEST_REDIS_URL, {
        lazyConnect: true,
        connectTimeout: 2000,
        maxRetriesPerRequest: 0,
      });
      try {
        await redis.connect();
        await redis.ping();
      } finally {
        redis.disconnect();
      }
    }),
  };
  project.provide('services', services);
}
