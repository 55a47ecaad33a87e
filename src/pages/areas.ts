/**
 * The lab's areas as data: the home page and the navigation list exactly these, so an area
 * appears only once its page exists. Later issues add entries with their routes.
 */
import type { ComponentType, LazyExoticComponent } from 'react';

export interface Area {
  /** Route path, without the leading slash. */
  path: string;
  title: string;
  blurb: string;
  /** True when the page trains or samples on the GPU; such pages explain themselves without WebGPU. */
  needsGpu: boolean;
  page: LazyExoticComponent<ComponentType>;
}

export const AREAS: Area[] = [];
