import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import { gunzipSync } from 'node:zlib';
import type { Log } from '../domain/ports';
import { signedPost, signedRequest } from './signed-fetch';

/** A CloudWatch Logs subscription payload: base64 gzip JSON. */
export function decodeLogs(event: CloudWatchLogsEvent): CloudWatchLogsDecodedData {
  return JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as CloudWatchLogsDecodedData;
}

/**
 * The `_bulk` body for one batch: one document per log line in a daily index, its id the CloudWatch event id
 * (so a retried batch does not duplicate). JSON log lines (the structured logger's) are indexed field by field.
 */
export function bulkBody(data: CloudWatchLogsDecodedData, indexPrefix = INDEX_PREFIX): string {
  if (data.messageType !== 'DATA_MESSAGE') return '';
  const lines: string[] = [];
  for (const event of data.logEvents) {
    let fields: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(event.message) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        fields = parsed as Record<string, unknown>;
    } catch {
      fields = {};
    }
    const day = new Date(event.timestamp).toISOString().slice(0, 10).replace(/-/g, '.');
    lines.push(JSON.stringify({ index: { _index: `${indexPrefix}-${day}`, _id: event.id } }));
    lines.push(
      JSON.stringify({
        ...fields,
        '@timestamp': new Date(event.timestamp).toISOString(),
        logGroup: data.logGroup,
        logStream: data.logStream,
        message: event.message,
      }),
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Days log lines are kept: the CloudWatch log groups' retention (infra/lib), and the daily indexes'. */
export const LOG_RETENTION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
const INDEX_PREFIX = 'queue-manager-logs';

/** Of these daily indexes, those holding only days older than `keepDays` before `now` (UTC days). */
export function expiredIndexes(names: string[], now: number, keepDays = LOG_RETENTION_DAYS): string[] {
  const oldest = new Date(now - keepDays * DAY).toISOString().slice(0, 10).replace(/-/g, '.');
  return names.filter((name) => {
    const day = /^queue-manager-logs-(\d{4}\.\d{2}\.\d{2})$/.exec(name)?.[1];
    return day !== undefined && day < oldest;
  });
}

/** Deletes the daily log indexes past LOG_RETENTION_DAYS; their names. */
export async function deleteExpiredIndexes(deps: LogShipperDeps, now: number): Promise<string[]> {
  const options = { ...deps, service: 'es', contentType: 'application/json', timeoutMs: 10_000 };
  const listed = await signedRequest(
    'GET',
    new URL(`/_cat/indices/${INDEX_PREFIX}-*?format=json&h=index`, deps.endpoint),
    undefined,
    options,
  );
  if (!listed.ok) throw new Error(`OpenSearch _cat/indices failed: HTTP ${listed.status}`);
  const names = ((await listed.json()) as { index: string }[]).map((i) => i.index);
  const expired = expiredIndexes(names, now);
  for (const name of expired) {
    const deleted = await signedRequest('DELETE', new URL(`/${name}`, deps.endpoint), undefined, options);
    if (!deleted.ok && deleted.status !== 404)
      throw new Error(`OpenSearch DELETE ${name} failed: HTTP ${deleted.status}`);
  }
  return expired;
}

export interface LogShipperDeps {
  /** https://vpc-….es.amazonaws.com */
  endpoint: string;
  region: string;
  credentials: AwsCredentialIdentityProvider;
  /** Where the shipper reports its own trouble (its log group is not shipped). */
  log?: Log;
}

/**
 * Subscribed to the functions' log groups: indexes every line into OpenSearch; a failed batch is retried. At
 * most once an hour per execution environment it also deletes the daily indexes past LOG_RETENTION_DAYS, so
 * OpenSearch keeps what CloudWatch keeps (a failure there is reported and left for the next hour).
 */
export function createLogShipper(deps: () => Promise<LogShipperDeps>, now: () => number = Date.now) {
  let swept = Number.NEGATIVE_INFINITY;
  return async (event: CloudWatchLogsEvent): Promise<{ indexed: number; indexesDeleted?: number }> => {
    const { endpoint, region, credentials, log } = await deps();
    let indexesDeleted: number | undefined;
    if (now() - swept >= 60 * 60 * 1000) {
      swept = now();
      try {
        indexesDeleted = (await deleteExpiredIndexes({ endpoint, region, credentials }, now())).length;
      } catch (error) {
        log?.warn('expired log indexes not deleted', { error: String(error) });
      }
    }
    const data = decodeLogs(event);
    const body = bulkBody(data);
    const sweep = indexesDeleted === undefined ? {} : { indexesDeleted };
    if (!body) return { indexed: 0, ...sweep };
    const url = new URL('/_bulk', endpoint);
    const response = await signedPost(url, body, {
      credentials,
      region,
      service: 'es',
      contentType: 'application/x-ndjson',
      timeoutMs: 10_000,
    });
    const answer = (await response.json().catch(() => ({}))) as { errors?: boolean };
    if (!response.ok || answer.errors)
      throw new Error(
        `OpenSearch _bulk failed: HTTP ${response.status}${answer.errors ? ', item errors' : ''}`,
      );
    return { indexed: data.logEvents.length, ...sweep };
  };
}
