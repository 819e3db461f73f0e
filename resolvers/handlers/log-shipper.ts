import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import { gunzipSync } from 'node:zlib';
import { signedPost } from './signed-fetch';

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
export function bulkBody(data: CloudWatchLogsDecodedData, indexPrefix = 'queue-manager-logs'): string {
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

export interface LogShipperDeps {
  /** https://vpc-….es.amazonaws.com */
  endpoint: string;
  region: string;
  credentials: AwsCredentialIdentityProvider;
}

/** Subscribed to the functions' log groups: indexes every line into OpenSearch; a failed batch is retried. */
export function createLogShipper(deps: () => Promise<LogShipperDeps>) {
  return async (event: CloudWatchLogsEvent): Promise<{ indexed: number }> => {
    const { endpoint, region, credentials } = await deps();
    const data = decodeLogs(event);
    const body = bulkBody(data);
    if (!body) return { indexed: 0 };
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
    return { indexed: data.logEvents.length };
  };
}
