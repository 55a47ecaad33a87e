/**
 * What the bench pages share (main.ts for kernels, train.ts for training): a log that goes both to
 * the console, as "[chromium] ..." lines the driving script echoes, and to the page's <pre id="log">;
 * and the lab's device with its pipeline cache. Measures nothing.
 */
import { requestLabDevice } from '../../src/gpu/device.ts';
import { PipelineCache } from '../../src/gpu/pipelines.ts';
import type { AdapterReport } from '../../src/gpu/info.ts';

/** A line logger for a bench page. */
export function pageLog(): (line: string) => void {
  const logEl = document.getElementById('log')!;
  return (line: string) => {
    console.log(`[chromium] ${line}`);
    logEl.textContent += `${line}\n`;
  };
}

/** The lab's device (same features and limits as the app) and a pipeline cache; logs the adapter. */
export async function openBenchDevice(log: (line: string) => void): Promise<{ device: GPUDevice; report: AdapterReport; cache: PipelineCache }> {
  const { device, report } = await requestLabDevice(navigator.gpu);
  log(`adapter: ${report.name}`);
  return { device, report, cache: new PipelineCache(device) };
}
