/** Colour maths for the e2e checks of light and dark themes. */

/** Relative luminance (0 dark … 1 light) of an `rgb(a)` CSS colour. */
export function luminance(rgb: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(rgb);
  if (!m) throw new Error(`not an rgb colour: ${rgb}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => {
    const c = Number(x) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
