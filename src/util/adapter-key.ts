/**
 * One string that names a GPU adapter, for caches kept per adapter (the measured matmul choice in
 * IndexedDB, "Measure this GPU" in localStorage). Takes the adapter's reported strings only.
 */

/** The adapter's vendor, architecture, device and description, joined. */
export function adapterKey(a: { vendor: string; architecture: string; device: string; description: string }): string {
  return [a.vendor, a.architecture, a.device, a.description].join('/');
}
