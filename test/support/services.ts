/** Where the integration tests find their services; override with the same variables as the server. */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Tests that FLUSHDB use this Redis database so nothing else on the server is touched. */
export const TEST_REDIS_FLUSH_DB = Number(process.env.TEST_REDIS_FLUSH_DB ?? 15);

export interface ServiceAvailability {
  mysql: boolean;
  redis: boolean;
}

export interface BrowserAvailability {
  /** Chromium's executable, or null when it is not installed. */
  chromium: string | null;
  /** The built client apps the end-to-end tests drive. */
  react: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: ServiceAvailability;
    browser: BrowserAvailability;
  }
}
