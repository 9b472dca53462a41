// Bundles src/main.ts with esbuild and writes dist/: a copy of static/ plus the bundle.
// The script and stylesheet get content-hashed names (app-<hash>.js, styles-<hash>.css) so the
// gateway can serve dist/ as plain files without any cache rules; index.html is rewritten to match.
// Everything is written to dist.tmp/ first and swapped in at the end: a failed build leaves the
// previous dist/ untouched.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const staticDir = join(root, "static");
const finalDist = join(root, "dist");
const dist = join(root, "dist.tmp");
const minify = process.env.SAFELOOP_WEB_DEV !== "1";

const hash8 = (data) => createHash("sha256").update(data).digest("hex").slice(0, 8);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
cpSync(staticDir, dist, { recursive: true });

const result = await build({
  entryPoints: [join(root, "src", "main.ts")],
  bundle: true,
  format: "iife",
  target: "es2020",
  platform: "browser",
  minify,
  sourcemap: "linked",
  legalComments: "none",
  charset: "utf8",
  write: false,
  outfile: join(dist, "app.js"),
  logLevel: "warning",
});

const jsFile = result.outputFiles.find((f) => f.path.endsWith(".js"));
const mapFile = result.outputFiles.find((f) => f.path.endsWith(".js.map"));
if (!jsFile) throw new Error("esbuild produced no JavaScript output");
const jsName = `app-${hash8(jsFile.contents)}.js`;
const js = Buffer.from(jsFile.contents).toString("utf8").replace(/sourceMappingURL=app\.js\.map/, `sourceMappingURL=${jsName}.map`);
writeFileSync(join(dist, jsName), js);
if (mapFile) writeFileSync(join(dist, `${jsName}.map`), mapFile.contents);

const cssPath = join(dist, "styles.css");
let cssName = "styles.css";
if (existsSync(cssPath)) {
  cssName = `styles-${hash8(readFileSync(cssPath))}.css`;
  renameSync(cssPath, join(dist, cssName));
}

const indexPath = join(dist, "index.html");
const html = readFileSync(indexPath, "utf8");
const out = html.replace(/(["'])app\.js\1/, `$1${jsName}$1`).replace(/(["'])styles\.css\1/, `$1${cssName}$1`);
if (!out.includes(jsName) || !out.includes(cssName)) {
  throw new Error("static/index.html must reference app.js and styles.css");
}
writeFileSync(indexPath, out);

rmSync(finalDist, { recursive: true, force: true });
renameSync(dist, finalDist);
console.log(`dist/ written: ${jsName}, ${cssName}`);
