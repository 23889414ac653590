'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  WORKSHOP_NAMESPACE,
  type ControlAnswer,
  type JoinWorkshopAnswer,
  type WorkshopClientEvents,
  type WorkshopControl,
  type WorkshopLiveState,
  type WorkshopServerEvents,
  type WorkshopYou,
} from '@/lib/protocol/workshop-messages';

type WorkshopSocket = Socket<WorkshopServerEvents, WorkshopClientEvents>;
export type Viewport = { x: number; y: number; zoom: number };

/**
 * The live workshop channel: its state as the server last said, who you are
 * in it, and the controls. `by` names the workshop, or a group design when
 * opened from inside a room (a design of no workshop leaves `joined` false).
 */
export function useWorkshopChannel(by: { workshopId: string } | { designId: string }, onViewport?: (v: Viewport) => void) {
  const [state, setState] = useState<WorkshopLiveState | null>(null);
  const [you, setYou] = useState<WorkshopYou | null>(null);
  const [joined, setJoined] = useState(false);
  const socketRef = useRef<WorkshopSocket | null>(null);
  const viewportRef = useRef(onViewport);
  viewportRef.current = onViewport;
  const key = 'workshopId' in by ? `w:${by.workshopId}` : `d:${by.designId}`;

  useEffect(() => {
    const socket: WorkshopSocket = io(WORKSHOP_NAMESPACE, { path: '/socket.io' });
    socketRef.current = socket;
    const msg = key.startsWith('w:') ? { workshopId: key.slice(2) } : { designId: key.slice(2) };
    socket.on('connect', () =>
      socket.emit('workshop:join', msg, (answer: JoinWorkshopAnswer) => {
        if (!answer.ok) {
          setJoined(false);
          // A design of no workshop (or one this person is not in): nothing to listen to.
          socket.disconnect();
          return;
        }
        setJoined(true);
        setState(answer.state);
        setYou(answer.you);
      }),
    );
    socket.on('workshop:state', setState);
    socket.on('workshop:viewport', (v) => viewportRef.current?.(v));
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [key]);

  const control = useCallback(
    (c: WorkshopControl): Promise<ControlAnswer> =>
      new Promise((resolve) => {
        const s = socketRef.current;
        if (!s?.connected) return resolve({ ok: false, code: 'not-joined', message: 'Not connected: try again in a moment.' });
        s.emit('workshop:control', c, resolve);
      }),
    [],
  );

  const raiseHand = useCallback(
    (note: string): Promise<ControlAnswer> =>
      new Promise((resolve) => {
        const s = socketRef.current;
        if (!s?.connected) return resolve({ ok: false, code: 'not-joined', message: 'Not connected: try again in a moment.' });
        s.emit('workshop:raise-hand', { note }, resolve);
      }),
    [],
  );

  const sendViewport = useCallback((v: Viewport) => {
    socketRef.current?.volatile.emit('workshop:viewport', v);
  }, []);

  return { state, you, joined, control, raiseHand, sendViewport };
}

/** The time now, ticking every second (for countdowns). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
