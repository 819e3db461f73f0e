import type { Connection } from './api';
import { useI18n } from './i18n';

/** Live / reconnecting / offline, announced politely to screen readers. */
export function ConnectionBadge({ connection }: { connection: Connection }) {
  const { t } = useI18n();
  return (
    <p
      className={`badge badge-${connection}`}
      role="status"
      data-testid="connection"
      data-connection={connection}
    >
      <span className="dot" aria-hidden="true" />
      {connection === 'live' ? t.live : connection === 'offline' ? t.offline : t.reconnecting}
    </p>
  );
}
