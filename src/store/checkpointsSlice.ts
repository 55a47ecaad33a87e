/**
 * The saved checkpoints as the list shows them (name, step, size, date); the bytes stay in the
 * worker's IndexedDB. Replaced whole by the bridge whenever the worker sends the list.
 */
import type { StateCreator } from 'zustand';
import type { SlotInfo } from '../worker/protocol.ts';

export interface CheckpointsSlice {
  slots: SlotInfo[];
}

export const createCheckpointsSlice: StateCreator<CheckpointsSlice, [], [], CheckpointsSlice> = () => ({ slots: [] });
