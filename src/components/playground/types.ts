/**
 * The engine's data types the playground shows, taken through the store (components never import
 * the worker's protocol directly; see eslint.config.js).
 */
import type { LabState } from '../../store/index.ts';

/** A sampled token with its top candidates (protocol SampledToken). */
export type { SampledToken } from '../../store/trainingSlice.ts';
/** A saved or shipped checkpoint as listed (protocol SlotInfo). */
export type SlotInfo = LabState['slots'][number];
