declare module 'dynalite' {
  import type { Server } from 'node:http';
  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }
  /** A DynamoDB-compatible HTTP server (in memory, or LevelDB under `path`). */
  export default function dynalite(options?: DynaliteOptions): Server;
}
