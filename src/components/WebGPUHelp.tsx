/**
 * The explanation shown when WebGPU is missing: what exactly failed, and which browsers and
 * flags give WebGPU. Pages that need no GPU stay usable around it.
 */
import type { GpuStatus } from '../store/gpuSlice.ts';

const WHAT_FAILED: Record<string, string> = {
  'no-navigator-gpu': 'This browser does not offer WebGPU at all (there is no navigator.gpu).',
  'no-adapter': 'This browser knows WebGPU, but it offered no GPU adapter: WebGPU is switched off, blocked for this GPU or driver, or needs a flag.',
  'device-failed': 'A GPU adapter was found, but the browser could not open a device on it.',
  'no-worker': 'The lab could not start its engine worker.',
};

export function WebGPUHelp({ status }: { status: Extract<GpuStatus, { state: 'unavailable' }> }) {
  return (
    <section className="card warn" data-testid="webgpu-missing" aria-labelledby="webgpu-missing-title">
      <h2 id="webgpu-missing-title">No WebGPU here — training is off, reading is not</h2>
      <p data-testid="webgpu-missing-reason">{WHAT_FAILED[status.reason]}</p>
      <p className="muted">Browser said: <code>{status.message}</code></p>
      <h3>How to get WebGPU</h3>
      <ul>
        <li><strong>Chrome or Edge 113+</strong> on Windows, macOS and ChromeOS: on by default. Chrome 121+ on Android 12+ too.</li>
        <li><strong>Chrome on Linux</strong>: open <code>chrome://flags</code>, enable <em>Unsafe WebGPU Support</em> and <em>Vulkan</em>, restart; or start it with <code>--enable-unsafe-webgpu --enable-features=Vulkan</code>.</li>
        <li><strong>Chromium without a GPU</strong> (CI, a server): <code>chromium --enable-unsafe-webgpu</code> runs WebGPU on the CPU through SwiftShader — slow but real.</li>
        <li><strong>Safari 26</strong> on macOS, iOS and iPadOS: on by default.</li>
        <li><strong>Firefox 141+</strong> on Windows: on by default; elsewhere use Nightly or set <code>dom.webgpu.enabled</code> in <code>about:config</code>.</li>
      </ul>
      <p>The lessons' text, the self-check quiz and the flashcards work without a GPU.</p>
    </section>
  );
}
