/**
 * Preloaded (`node --import .../rss-probe.js`) into processes the benchmark starts: when the
 * process exits it writes its resource usage (peak RSS in bytes, CPU time) as JSON to the file
 * named by KG_BENCH_USAGE_FILE. Does nothing without that variable.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.KG_BENCH_USAGE_FILE;
if (file) {
  const started = Date.now();
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        maxRssBytes: usage.maxRSS * 1024,
        userCpuMs: usage.userCPUTime / 1000,
        systemCpuMs: usage.systemCPUTime / 1000,
        wallMs: Date.now() - started,
      }),
    );
  });
}
