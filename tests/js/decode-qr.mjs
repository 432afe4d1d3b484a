// Decode QR codes with jsQR, a reader written apart from the encoder the site uses (segno).
// Reads JSON from stdin: a list of module grids, each a list of rows of "0" (light) and "1"
// (dark), quiet zone included; prints the decoded texts as JSON (null where nothing decodes).
import { readFileSync } from "node:fs";
import jsQR from "jsqr";

const SCALE = 4; // pixels per module, as a camera would see a screen
const grids = JSON.parse(readFileSync(0, "utf8"));
const texts = grids.map((rows) => {
  const size = rows.length * SCALE;
  const pixels = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dark = rows[Math.floor(y / SCALE)][Math.floor(x / SCALE)] === "1";
      const at = (y * size + x) * 4;
      pixels.fill(dark ? 0 : 255, at, at + 3);
      pixels[at + 3] = 255;
    }
  }
  const found = jsQR(pixels, size, size, { inversionAttempts: "dontInvert" });
  return found ? found.data : null;
});
process.stdout.write(JSON.stringify(texts));
