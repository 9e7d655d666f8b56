import { ReactNode, createContext, useContext, useEffect, useState } from 'react';
import { useSession } from './session';

/** A platform event as the gateway's live stream carries it (a CloudEvent). */
export interface LiveEvent {
  id: string;
  type: string;
  time?: string;
  subject?: string;
}

interface LiveContext {
  /** Grows with every event received; pages that show live data reload when it changes. */
  tick: number;
  /** 'streaming': the gateway's SSE stream is open; 'polling': the caller may not read the stream, pages re-read every 15 s. */
  mode: 'streaming' | 'connecting' | 'polling' | 'off';
  latest: LiveEvent[];
}

const Context = createContext<LiveContext>({ tick: 0, mode: 'off', latest: [] });

const POLL_MS = 15_000;

/**
 * New work orders and their changes without reload: the gateway's live stream (GET /api/v1/events/stream,
 * through the typed client) for the roles the policy table lets read it; the others re-read what
 * they show every 15 seconds.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { client, caller, may } = useSession();
  const [tick, setTick] = useState(0);
  const [mode, setMode] = useState<LiveContext['mode']>('off');
  const [latest, setLatest] = useState<LiveEvent[]>([]);
  const streaming = !!caller && may('gateway', 'eventStreamStream');

  useEffect(() => {
    if (!caller) return setMode('off');
    if (!streaming) {
      setMode('polling');
      const timer = setInterval(() => setTick((value) => value + 1), POLL_MS);
      return () => clearInterval(timer);
    }
    setMode('connecting');
    const subscription = client.gateway.eventStreamStream(
      {},
      {
        onOpen: () => setMode('streaming'),
        onError: () => setMode('connecting'),
        onEvent: (event) => {
          try {
            const cloudEvent = JSON.parse(event.data) as { id: string; type: string; time?: string; subject?: string };
            setLatest((previous) => [{ id: cloudEvent.id, type: cloudEvent.type, ...(cloudEvent.time ? { time: cloudEvent.time } : {}), ...(cloudEvent.subject ? { subject: cloudEvent.subject } : {}) }, ...previous].slice(0, 20));
          } catch {
            // A frame that is not a CloudEvent still tells that something changed.
          }
          setTick((value) => value + 1);
        },
      },
    );
    return () => subscription.close();
  }, [client, caller, streaming]);

  return <Context.Provider value={{ tick, mode, latest }}>{children}</Context.Provider>;
}

export function useLive(): LiveContext {
  return useContext(Context);
}
