/** Human labels and units for the adapter limits shown on the "Your GPU" panel. */

export const LIMIT_LABELS: Record<string, string> = {
  maxStorageBufferBindingSize: 'Largest storage buffer binding',
  maxBufferSize: 'Largest buffer',
  maxComputeWorkgroupStorageSize: 'Workgroup shared memory',
  maxComputeInvocationsPerWorkgroup: 'Threads per workgroup',
  maxStorageBuffersPerShaderStage: 'Storage buffers per shader',
  maxComputeWorkgroupsPerDimension: 'Workgroups per dispatch dimension',
  minStorageBufferOffsetAlignment: 'Storage offset alignment',
};

const BYTE_LIMITS = new Set(['maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize', 'minStorageBufferOffsetAlignment']);

export function formatLimit(name: string, v: number): string {
  if (!BYTE_LIMITS.has(name)) return v.toLocaleString('en-US');
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  let x = v;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${Number.isInteger(x) ? x : x.toFixed(1)} ${units[i]}`;
}
