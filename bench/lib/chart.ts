/** A small SVG line chart for bench/RESULTS.md: linear axes from zero, one polyline per series, a legend. */
export interface Series {
  name: string;
  points: [x: number, y: number][];
}

const COLOURS = ['#12355b', '#0b6bcb', '#c2410c', '#15803d', '#7c3aed', '#6b7f99'];
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Round-ish tick step for a range. */
function step(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

export function lineChart(options: { title: string; x: string; y: string; series: Series[] }): string {
  const [width, height, left, right, top, bottom] = [720, 420, 70, 200, 40, 50];
  const xs = options.series.flatMap((s) => s.points.map(([x]) => x));
  const ys = options.series.flatMap((s) => s.points.map(([, y]) => y));
  const xMax = Math.max(...xs, 1);
  const yStep = step(Math.max(...ys, 1));
  const yMax = Math.ceil(Math.max(...ys, 1) / yStep) * yStep;
  const px = (x: number) => left + (x / xMax) * (width - left - right);
  const py = (y: number) => height - bottom - (y / yMax) * (height - top - bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">${escape(options.title)}</text>`,
  ];
  for (let y = 0; y <= yMax + 1e-9; y += yStep)
    out.push(
      `<line x1="${left}" x2="${width - right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e7eb"/>`,
      `<text x="${left - 8}" y="${py(y) + 4}" text-anchor="end">${y.toLocaleString('en-US')}</text>`,
    );
  for (const x of [...new Set(xs)].sort((a, b) => a - b))
    out.push(
      `<text x="${px(x)}" y="${height - bottom + 18}" text-anchor="middle">${x.toLocaleString('en-US')}</text>`,
    );
  out.push(
    `<text x="${(left + width - right) / 2}" y="${height - 10}" text-anchor="middle">${escape(options.x)}</text>`,
    `<text x="16" y="${(top + height - bottom) / 2}" transform="rotate(-90 16 ${(top + height - bottom) / 2})" text-anchor="middle">${escape(options.y)}</text>`,
  );
  options.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const points = [...s.points].sort(([a], [b]) => a - b);
    out.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map(([x, y]) => `${px(x)},${py(y)}`).join(' ')}"/>`,
      ...points.map(([x, y]) => `<circle cx="${px(x)}" cy="${py(y)}" r="3" fill="${colour}"/>`),
      `<rect x="${width - right + 16}" y="${top + i * 22}" width="14" height="4" fill="${colour}"/>`,
      `<text x="${width - right + 36}" y="${top + i * 22 + 6}">${escape(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
