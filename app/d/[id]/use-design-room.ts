'use client';

import type { Role } from '@/lib/protocol/access';
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { LoggedOp } from '@/lib/design/design-state';
import { emptyDesignDocument, type DesignDocument } from '@/lib/design/document';
import { DesignReplica, type ReplicaEvent } from '@/lib/design/replica';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type DiagnosticsMessage,
  type JobsSnapshot,
  type JoinAnswer,
  type Participant,
  type PresenceState,
  type ServerToClientEvents,
  type SubmitAnswer,
} from '@/lib/protocol/messages';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';
export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type Viewport = { x: number; y: number; zoom: number };
/** Other people's cursors, in flow coordinates, by participant id. */
export type RemoteCursors = Record<string, { x: number; y: number }>;

/** Cursor moves go out at most this often (the server drops anything faster than 40 ms). */
const CURSOR_SEND_MS = 50;
/** A viewport goes out once it has settled this long. */
const VIEWPORT_DEBOUNCE_MS = 200;

export type EditOutcome = { ok: true } | { ok: false; message: string };

/** What undo and redo can do right now (only this person's own confirmed edits). */
export interface History {
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * The live design: a replica kept in step with the room over socket.io.
 * Edits show at once and are confirmed or rolled back by the server; after a
 * reconnect the client asks only for what it missed and resends its pending edits.
 */
export function useDesignRoom(designId: string, initialTitle: string) {
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [problem, setProblem] = useState<string | null>(null);
  const [title, setTitle] = useState(initialTitle);
  // The last version the server confirmed (the history follows it).
  const [version, setVersion] = useState(0);
  const [doc, setDoc] = useState<DesignDocument>(emptyDesignDocument);
  const [diagnostics, setDiagnostics] = useState<DiagnosticsMessage | null>(null);
  const [history, setHistory] = useState<History>({ canUndo: false, canRedo: false });
  const [participants, setParticipants] = useState<PresenceState[]>([]);
  const [you, setYou] = useState<Participant | null>(null);
  // Your role on the design as the server last said; null after losing access (a revoked link).
  const [role, setRole] = useState<Role | null | undefined>(undefined);
  const [cursors, setCursors] = useState<RemoteCursors>({});
  // For features that listen to the room themselves (jobs): the socket, and the jobs as of the latest join.
  const [socket, setSocket] = useState<RoomSocket | null>(null);
  const [joinedJobs, setJoinedJobs] = useState<JobsSnapshot | null>(null);
  const socketRef = useRef<RoomSocket | null>(null);
  const youRef = useRef<string | null>(null);
  // The last presence this client chose, resent after a reconnect.
  const mySelection = useRef<string[]>([]);
  const myViewport = useRef<Viewport | null>(null);
  const cursorTimer = useRef<{ timer: ReturnType<typeof setTimeout> | null; last: number; next: { x: number; y: number } | null | undefined }>({
    timer: null,
    last: 0,
    next: undefined,
  });
  const viewportTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const replica = useRef<DesignReplica | null>(null);
  const sendRef = useRef<((clientOpId: string, op: LoggedOp) => void) | null>(null);
  const waiting = useRef(new Map<string, (outcome: EditOutcome) => void>());

  const show = useCallback(() => {
    const r = replica.current;
    if (!r) return;
    setTitle(r.state.title);
    setDoc(r.state.doc);
    setVersion(r.version);
    setHistory((h) => (h.canUndo === r.canUndo && h.canRedo === r.canRedo ? h : { canUndo: r.canUndo, canRedo: r.canRedo }));
  }, []);

  useEffect(() => {
    // The design in the address lets a load balancer send everyone editing it to the same
    // instance (README, "Running on several machines"); the server reads it from design:join.
    // A connection of its own: socket.io-client would otherwise reuse the page's first one
    // (another design's, or the workshop channel's), whose address names no design or another.
    const socket: RoomSocket = io({ path: '/socket.io', query: { design: designId }, forceNew: true });
    socketRef.current = socket;
    setSocket(socket);
    const cursorState = cursorTimer.current;

    const handle = (events: ReplicaEvent[]) => {
      for (const e of events) {
        if (e.type === 'gap') join();
        // Saved before the connection dropped: its ack was lost, the history told us instead.
        if (e.type === 'confirmed') {
          waiting.current.get(e.clientOpId)?.({ ok: true });
          waiting.current.delete(e.clientOpId);
        }
        if (e.type === 'rolled-back') {
          setProblem(`Your edit was undone: ${e.message}`);
          waiting.current.get(e.clientOpId)?.({ ok: false, message: e.message });
          waiting.current.delete(e.clientOpId);
        }
      }
      show();
    };

    const send = (clientOpId: string, op: LoggedOp, resent = false) => {
      const r = replica.current;
      if (!r) return;
      socket.emit('op:submit', { clientOpId, baseVersion: r.version, op, ...(resent && { resent }) }, (answer: SubmitAnswer) => {
        const events = answer.ok ? r.accepted(clientOpId, answer.version, answer.op) : r.refused(clientOpId, answer.message);
        waiting.current.get(clientOpId)?.(answer.ok ? { ok: true } : { ok: false, message: answer.message });
        waiting.current.delete(clientOpId);
        handle(events);
      });
    };

    // Sent now when connected; otherwise kept pending and resent after the next join.
    sendRef.current = (clientOpId, op) => {
      if (socket.connected) send(clientOpId, op);
    };

    const join = () => {
      const sinceVersion = replica.current?.version;
      socket.emit('design:join', { protocol: PROTOCOL_VERSION, designId, sinceVersion }, (answer: JoinAnswer) => {
        if (!answer.ok) {
          setStatus('offline');
          setProblem(answer.message);
          if (answer.code === 'not-found') setRole(null);
          return;
        }
        setRole(answer.role);
        const events: ReplicaEvent[] = [];
        if (answer.catchUp.kind === 'snapshot') {
          const state = { title: answer.catchUp.title, doc: answer.catchUp.doc };
          if (replica.current) events.push(...replica.current.reset(state, answer.catchUp.version));
          else replica.current = new DesignReplica(state, answer.catchUp.version, answer.you.id + '-' + socket.id);
        } else if (replica.current) {
          for (const applied of answer.catchUp.ops) events.push(...replica.current.remote(applied.version, applied.op, applied.clientOpId));
        }
        youRef.current = answer.you.id;
        setYou(answer.you);
        setParticipants(answer.participants);
        setCursors({});
        if (mySelection.current.length > 0) socket.emit('presence:selection', { nodeIds: mySelection.current });
        if (myViewport.current) socket.emit('presence:viewport', myViewport.current);
        setDiagnostics(answer.diagnostics);
        setJoinedJobs(answer.jobs);
        setStatus('connected');
        setProblem(null);
        handle(events);
        // Edits made while offline go out again, in order, marked as resent: one that was stored
        // (and not in the catch-up) is answered with its version rather than stored twice.
        for (const pending of replica.current?.unconfirmed ?? []) send(pending.clientOpId, pending.op, true);
      });
    };

    socket.on('connect', join);
    socket.on('disconnect', (reason) => {
      setStatus(navigator.onLine ? 'reconnecting' : 'offline');
      setCursors({});
      // The server closed this connection (its session was signed out): connect again as whoever
      // the cookies now say, and the room decides what that person may see.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.io.on('reconnect_attempt', () => setStatus(navigator.onLine ? 'reconnecting' : 'offline'));
    socket.on('access:changed', (msg) => {
      setRole(msg.role);
      if (msg.role) return;
      // Out of the room for good: stop reconnecting into a design we may no longer see.
      setStatus('offline');
      setProblem('You no longer have access to this design.');
      socket.disconnect();
    });
    socket.on('op:applied', (msg) => replica.current && handle(replica.current.remote(msg.version, msg.op, msg.clientOpId)));
    socket.on('design:diagnostics', (msg) => setDiagnostics((old) => (old && old.version > msg.version ? old : msg)));
    socket.on('presence:joined', (p) => setParticipants((list) => [...list.filter((x) => x.id !== p.id), p]));
    socket.on('presence:left', ({ id }) => {
      setParticipants((list) => list.filter((x) => x.id !== id));
      setCursors((all) => without(all, id));
    });
    socket.on('presence:cursors', ({ cursors: moved }) => {
      setCursors((all) => {
        const next = { ...all };
        for (const c of moved) {
          if (c.id === youRef.current) continue;
          if ('gone' in c) delete next[c.id];
          else next[c.id] = { x: c.x, y: c.y };
        }
        return next;
      });
    });
    socket.on('presence:selection', ({ id, nodeIds }) =>
      setParticipants((list) => list.map((p) => (p.id === id ? { ...p, selection: nodeIds } : p))),
    );
    socket.on('presence:viewport', ({ id, x, y, zoom }) =>
      setParticipants((list) => list.map((p) => (p.id === id ? { ...p, viewport: { x, y, zoom } } : p))),
    );
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
      sendRef.current = null;
      socketRef.current = null;
      setSocket(null);
      if (cursorState.timer) clearTimeout(cursorState.timer);
      cursorState.timer = null;
      if (viewportTimer.current) clearTimeout(viewportTimer.current);
    };
  }, [designId, show]);

  /** Where this person's pointer is on the canvas (flow coordinates), or null when it left; throttled to ~20 a second. */
  const sendCursor = useCallback((at: { x: number; y: number } | null) => {
    const t = cursorTimer.current;
    const flush = () => {
      t.timer = null;
      if (t.next === undefined) return;
      t.last = Date.now();
      if (socketRef.current?.connected) socketRef.current.emit('presence:cursor', t.next);
      t.next = undefined;
    };
    t.next = at;
    if (t.timer) return;
    const wait = CURSOR_SEND_MS - (Date.now() - t.last);
    if (wait <= 0) flush();
    else t.timer = setTimeout(flush, wait);
  }, []);

  /** What this person has selected; sent when it changes. */
  const sendSelection = useCallback((nodeIds: readonly string[]) => {
    const prev = mySelection.current;
    if (prev.length === nodeIds.length && prev.every((id, i) => id === nodeIds[i])) return;
    mySelection.current = [...nodeIds];
    if (socketRef.current?.connected) socketRef.current.emit('presence:selection', { nodeIds: mySelection.current });
  }, []);

  /** Where this person is looking; sent once it has settled. */
  const sendViewport = useCallback((viewport: Viewport) => {
    myViewport.current = viewport;
    if (viewportTimer.current) clearTimeout(viewportTimer.current);
    viewportTimer.current = setTimeout(() => {
      viewportTimer.current = null;
      if (myViewport.current && socketRef.current?.connected) socketRef.current.emit('presence:viewport', myViewport.current);
    }, VIEWPORT_DEBOUNCE_MS);
  }, []);

  /** Sends an edit the replica has just applied; resolves when the server has confirmed or refused it. */
  const submit = useCallback(
    (sent: { ok: true; clientOpId: string } | { ok: false; message: string }): Promise<EditOutcome> => {
      if (!sent.ok) return Promise.resolve({ ok: false, message: sent.message });
      show();
      const outcome = new Promise<EditOutcome>((resolve) => waiting.current.set(sent.clientOpId, resolve));
      const pending = replica.current?.unconfirmed.find((p) => p.clientOpId === sent.clientOpId);
      if (pending) sendRef.current?.(sent.clientOpId, pending.op);
      return outcome;
    },
    [show],
  );

  /** Makes an edit now and resolves when the server has confirmed or refused it. */
  const edit = useCallback(
    (op: LoggedOp): Promise<EditOutcome> => {
      const r = replica.current;
      if (!r) return Promise.resolve({ ok: false, message: 'Not connected yet.' });
      return submit(r.edit(op));
    },
    [submit],
  );

  /** Undoes this person's last edit (never someone else's); null when there is nothing to undo. */
  const undo = useCallback((): Promise<EditOutcome> | null => {
    const sent = replica.current?.undo();
    return sent ? submit(sent) : null;
  }, [submit]);

  const redo = useCallback((): Promise<EditOutcome> | null => {
    const sent = replica.current?.redo();
    return sent ? submit(sent) : null;
  }, [submit]);

  return {
    status,
    problem,
    title,
    doc,
    version,
    diagnostics,
    history,
    participants,
    you,
    role,
    cursors,
    socket,
    joinedJobs,
    sendCursor,
    sendSelection,
    sendViewport,
    edit,
    undo,
    redo,
  };
}

function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  if (!(id in record)) return record;
  const next = { ...record };
  delete next[id];
  return next;
}
