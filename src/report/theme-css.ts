// Colour arithmetic for the generated stylesheet head (inputs are already validated #rrggbb).
/** Mixes a `#rrggbb` colour towards black; used for accent-coloured text so it stays readable on white. */
export function darken(hex: string, amount = 0.25): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(c * (1 - amount)));
  return `#${ch.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
