'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type DesignRenamed,
  type ServerToClientEvents,
} from '@/lib/protocol/messages';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * The live connection to a design's room: its status for the indicator, and
 * the room's messages for the page.
 */
export function useDesignConnection(designId: string, onRenamed: (msg: DesignRenamed) => void) {
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: '/socket.io' });
    const join = () => {
      socket.emit('design:join', { protocol: PROTOCOL_VERSION, designId }, (answer) => {
        if (answer.ok) {
          setStatus('connected');
          setProblem(null);
          onRenamed({ designId, title: answer.title, version: answer.version });
        } else {
          setStatus('offline');
          setProblem(answer.message);
        }
      });
    };
    socket.on('connect', join);
    socket.on('disconnect', () => setStatus(navigator.onLine ? 'reconnecting' : 'offline'));
    socket.io.on('reconnect_attempt', () => setStatus(navigator.onLine ? 'reconnecting' : 'offline'));
    socket.on('design:renamed', onRenamed);
    const goneOffline = () => setStatus('offline');
    const backOnline = () => {
      if (!socket.connected) setStatus('reconnecting');
    };
    window.addEventListener('offline', goneOffline);
    window.addEventListener('online', backOnline);
    return () => {
      window.removeEventListener('offline', goneOffline);
      window.removeEventListener('online', backOnline);
      socket.disconnect();
    };
    // onRenamed is a state setter wrapper; re-joining on its identity would churn the socket.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [designId]);

  return { status, problem };
}
