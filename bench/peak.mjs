/* global process */
// Preloaded into a measured Node process (`node --import ./bench/peak.mjs …`): on exit it writes the process's own
// peak resident memory (maxRSS, kB) to the file named by BENCH_PEAK_FILE, so the bench can read it after the exit.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_PEAK_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
