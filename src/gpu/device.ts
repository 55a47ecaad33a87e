/**
 * Adapter and device acquisition, shared by the browser worker and Node (Dawn).
 * Asks for the optional features the engine can use and for the adapter's larger limits
 * (a device only gets them when they are named in `requiredLimits`). Owns no model state.
 */
import { describeAdapter, type AdapterReport } from './info.ts';

/** Optional features the engine uses when the adapter offers them. */
export const WANTED_FEATURES: GPUFeatureName[] = ['timestamp-query', 'shader-f16', 'subgroups'];

/** Limits raised to the adapter's maximum; the kernels size their buffers and workgroups from these. */
export const WANTED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupsPerDimension',
  'maxBindGroups',
  'maxUniformBufferBindingSize',
] as const;

export type WebGPUUnavailableReason = 'no-navigator-gpu' | 'no-adapter' | 'device-failed';

/** Thrown when WebGPU cannot be used; `reason` tells the UI which explanation to show. */
export class WebGPUUnavailableError extends Error {
  constructor(
    readonly reason: WebGPUUnavailableReason,
    message: string,
  ) {
    super(message);
    this.name = 'WebGPUUnavailableError';
  }
}

export interface LabDevice {
  adapter: GPUAdapter;
  device: GPUDevice;
  report: AdapterReport;
}

export interface DeviceCallbacks {
  /** Called once if the device is lost (driver reset, tab in background on some systems, destroy()). */
  onLost?: (info: { reason: string; message: string }) => void;
  /** Called for validation or out-of-memory errors that no error scope caught. */
  onUncapturedError?: (message: string) => void;
}

/** Requests an adapter and a device with the engine's features and limits. */
export async function requestLabDevice(
  gpu: GPU | undefined,
  callbacks: DeviceCallbacks = {},
  powerPreference: GPUPowerPreference = 'high-performance',
): Promise<LabDevice> {
  if (!gpu) {
    throw new WebGPUUnavailableError('no-navigator-gpu', 'This browser does not expose WebGPU (navigator.gpu is missing).');
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference });
  } catch (e) {
    throw new WebGPUUnavailableError('no-adapter', `requestAdapter() failed: ${String(e)}`);
  }
  if (!adapter) {
    throw new WebGPUUnavailableError('no-adapter', 'WebGPU is present but no GPU adapter was offered (requestAdapter() returned null).');
  }
  const requiredFeatures = WANTED_FEATURES.filter((f) => adapter.features.has(f));
  const requiredLimits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) {
    const value = (adapter.limits as unknown as Record<string, number | undefined>)[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredFeatures, requiredLimits, label: 'lab-device' });
  } catch (e) {
    throw new WebGPUUnavailableError('device-failed', `requestDevice() failed: ${String(e)}`);
  }
  void device.lost.then((info) => callbacks.onLost?.({ reason: String(info.reason), message: info.message }));
  device.addEventListener('uncapturederror', (ev) => {
    const err = (ev as GPUUncapturedErrorEvent).error;
    callbacks.onUncapturedError?.(err.message);
  });
  return { adapter, device, report: describeAdapter(adapter, device) };
}
