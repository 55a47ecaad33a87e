/**
 * A plain, serializable description of the adapter and device: what the "Your GPU" panel shows
 * and what tests print. Never holds GPU objects.
 */

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software or otherwise "fallback" adapter (SwiftShader, WARP). */
  isFallback: boolean;
  /** A one-line name for people: "nvidia ampere", "google swiftshader (software)". */
  name: string;
  features: string[];
  limits: Record<string, number>;
}

/** Limits the panel shows, in the order shown. */
export const KEY_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupsPerDimension',
  'minStorageBufferOffsetAlignment',
] as const;

export function describeAdapter(adapter: GPUAdapter, device: GPUDevice): AdapterReport {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const vendor = info?.vendor ?? '';
  const architecture = info?.architecture ?? '';
  const isFallback =
    Boolean(info?.isFallbackAdapter ?? (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter) ||
    /swiftshader|llvmpipe|warp|basic render/i.test(`${architecture} ${info?.description ?? ''}`);
  const limits: Record<string, number> = {};
  for (const name of KEY_LIMITS) {
    limits[name] = (device.limits as unknown as Record<string, number>)[name];
  }
  const nameParts = [vendor, architecture || info?.device || info?.description].filter(Boolean).join(' ');
  return {
    vendor,
    architecture,
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallback,
    name: (nameParts || 'unknown adapter') + (isFallback ? ' (software)' : ''),
    features: [...device.features].map(String).sort(),
    limits,
  };
}
