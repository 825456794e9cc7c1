// An SVG chart → PNG, drawn by the report's own browser (src/report/render-pdf.ts): the system Chromium, offline for
// the whole process, JavaScript off and every request but data: blocked, closed in `finally` whatever happens.
import { createPdfRenderer } from './render-pdf.js';

export async function svgToPng(svg: string, size: { width: number; height: number }, opts: { scale?: number } = {}): Promise<Buffer> {
  const renderer = await createPdfRenderer();
  try {
    return await renderer.png(svg, { width: size.width, height: size.height, ...(opts.scale ? { scale: opts.scale } : {}) });
  } finally {
    await renderer.close();
  }
}
