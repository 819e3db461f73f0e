import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { useEffect, useState } from 'react';

export { ApiError, request, subscribe } from '../../shared/amplify-client';

export type Connection = 'live' | 'reconnecting' | 'offline';

function fromAmplify(state: ConnectionState): Connection {
  switch (state) {
    case ConnectionState.Connected:
      return 'live';
    case ConnectionState.ConnectedPendingNetwork:
    case ConnectionState.ConnectionDisruptedPendingNetwork:
      return 'offline';
    default:
      return 'reconnecting';
  }
}

/**
 * The real-time connection as a person should read it: live only while connected and online. Anything else
 * means what the page shows may be stale.
 */
export function useConnection(): Connection {
  const [connection, setConnection] = useState<Connection>(navigator.onLine ? 'reconnecting' : 'offline');
  useEffect(() => {
    let amplify: Connection = 'reconnecting';
    const update = () => setConnection(navigator.onLine ? amplify : 'offline');
    const stopHub = Hub.listen('api', ({ payload }) => {
      if (payload.event !== CONNECTION_STATE_CHANGE) return;
      amplify = fromAmplify((payload.data as { connectionState: ConnectionState }).connectionState);
      update();
    });
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      stopHub();
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return connection;
}
