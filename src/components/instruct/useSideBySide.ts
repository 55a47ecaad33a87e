/**
 * Wires the side-by-side queue (panelQueue.ts) to the engine: sends its sample requests through
 * the store's api.ts, feeds back the stream and error of the request in flight (samples[id], read
 * with a selector), asks the base model
 * once per base checkpoint and the tuned model every `every` steps while an instruction run
 * trains (and once more when it pauses or ends). Returns the answer cells to draw.
 */
import { useEffect, useRef, useState } from 'react';
import { nextRequestId, selectSample, sendSample } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { PanelQueue, type PanelCells, type PanelItem, type PanelRequest, type PanelSampling } from './panelQueue.ts';

export interface SideBySideOptions {
  items: readonly PanelItem[];
  sampling: PanelSampling;
  endOfTextId: number | null;
  /** checkpoint id of the base column */
  baseModel: string;
  /** the current run is an instruction-tuning run (its model fills the tuned column) */
  tuning: boolean;
  /** refresh the tuned column every this many steps */
  every: number;
}

export function useSideBySide(o: SideBySideOptions): { cells: PanelCells | null; busy: boolean } {
  const [cells, setCells] = useState<PanelCells | null>(null);
  const [inFlight, setInFlight] = useState<number | null>(null);
  const stream = useLab(selectSample(inFlight));
  const queue = useRef<PanelQueue | null>(null);
  const askedAt = useRef<number>(-1);
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  const status = useLab((s) => s.run.status);
  const step = useLab((s) => s.run.step);
  const ready = gpuReady && o.endOfTextId !== null && o.items.length > 0;
  const { items, sampling, endOfTextId } = o;

  // One queue per set of instructions.
  useEffect(() => {
    if (!ready || endOfTextId === null) return;
    const send = ({ type: _type, ...req }: PanelRequest) => {
      setInFlight(req.requestId);
      sendSample(req);
    };
    const q = new PanelQueue(items, sampling, endOfTextId, send, setCells, nextRequestId);
    queue.current = q;
    askedAt.current = -1;
    setCells(q.cells);
    return () => {
      queue.current = null;
    };
  }, [ready, items, sampling, endOfTextId]);

  // The request in flight streams into samples[id]; a failed one ends with its error there.
  useEffect(() => {
    const q = queue.current;
    if (!q || !stream || stream.requestId !== q.inFlight) return;
    if (stream.error) q.onError();
    else q.onSample(stream);
  }, [stream]);

  // The base column: asked again only when the base checkpoint changes.
  useEffect(() => {
    if (ready) queue.current?.askBase(o.baseModel);
  }, [ready, o.baseModel, items]);

  // The tuned column: every `every` steps while training, and when the run stops.
  useEffect(() => {
    const q = queue.current;
    if (!q || !o.tuning) return;
    const stopped = status === 'paused' || status === 'done';
    const due = status === 'training' && step >= askedAt.current + o.every && step > 0;
    if ((due || (stopped && step !== askedAt.current)) && q.pending === 0) {
      askedAt.current = step;
      q.askTuned(step);
    }
  }, [o.tuning, status, step, o.every, cells]);

  const busy = cells !== null && [...Object.values(cells.base), ...Object.values(cells.tuned)].some((c) => c.state === 'running');
  return { cells, busy };
}
