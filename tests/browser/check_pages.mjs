// Checks HTML pages in one headless Chromium: axe-core rules, reflow, text without JavaScript.
//
//   node check_pages.mjs [--screenshots DIR] [LIST.json]    (the list is read from stdin without LIST.json)
//
// LIST.json is a JSON array of HTML file paths. One JSON document goes to stdout, with a result
// per page in the order given:
//   violations   axe-core's findings: id, impact, help, and the targets (CSS selectors) it names
//   narrow       at 320 CSS px: width, scrolls (sideways), overflowing (selectors of what sticks out)
//   zoomed       the same at 200% zoom of a 1280 px window
//   text         visible text length withScript and withoutScript (JavaScript off)
//   blocked      network addresses the page asked for; they are refused, the page must be offline
//   screenshots  with --screenshots: full-page PNG paths by viewport width, "320" and "1280"
// Violations do not change the exit code (the caller decides what fails); the harness exits 1
// when it breaks itself (the browser does not start, a page does not load) and 2 on a bad
// command line or list (a page that is not there).

import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const AXE_VERSION = require("axe-core/package.json").version;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// Playwright gives every launch a fresh temporary --user-data-dir of its own (and refuses one in
// args), so the profile is new each run. The rest is what Chromium needs as root, offline.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const DESKTOP = { width: 1280, height: 800 };
// WCAG 1.4.10 (reflow): no sideways scrolling at 320 CSS px, which is 1280 px at 400% zoom.
const NARROW = { width: 320, height: 800 };
// WCAG 1.4.4 (resize text): 200% zoom. Browser zoom at 200% in a 1280 px window lays the page out
// in a 640 CSS px viewport, so a 640 px viewport is that zoom. deviceScaleFactor is not zoom: it
// only draws each CSS px with more device pixels and leaves the layout as it was.
const ZOOMED = { width: DESKTOP.width / 2, height: DESKTOP.height / 2 };
const LOAD_TIMEOUT_MS = 15000;

class UsageError extends Error {}

function parseArgs(argv) {
  let screenshots = null;
  let list = null;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--screenshots") {
      screenshots = argv[i + 1];
      i += 1;
      if (!screenshots) throw new UsageError("--screenshots needs a folder");
    } else if (argv[i].startsWith("--")) {
      throw new UsageError(`unknown option ${argv[i]}`);
    } else if (list === null) {
      list = argv[i];
    } else {
      throw new UsageError(`one list of pages, not ${argv[i]} too`);
    }
  }
  return { screenshots, list };
}

function readPages(list) {
  const text = readFileSync(list === null || list === "-" ? 0 : list, "utf8");
  let pages;
  try {
    pages = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the list of pages is not JSON: ${error.message}`);
  }
  if (!Array.isArray(pages) || !pages.every((p) => typeof p === "string")) {
    throw new UsageError("the list of pages must be a JSON array of file paths");
  }
  const files = pages.map((p) => path.resolve(p));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) throw new UsageError(`no such page: ${missing.join(", ")}`);
  return files;
}

// Runs in the page: whether it scrolls sideways, and the outermost elements that stick out of
// the viewport. Content inside a box that scrolls or clips on its own (a wide table in a
// scrolling wrapper) is that box's business, not the page's.
function measureOverflow() {
  const root = document.documentElement;
  const width = root.clientWidth;
  const selector = (el) => {
    const parts = [];
    for (let node = el; node && node !== root; node = node.parentElement) {
      if (node.id) {
        parts.unshift(`#${CSS.escape(node.id)}`);
        break;
      }
      let part = node.localName;
      const same = node.parentElement
        ? [...node.parentElement.children].filter((c) => c.localName === node.localName)
        : [];
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const overflowing = [];
  const visit = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
      overflowing.push(selector(el));
      return;
    }
    if (getComputedStyle(el).overflowX !== "visible") return;
    for (const child of el.children) visit(child);
  };
  if (document.body) for (const child of document.body.children) visit(child);
  return { width, scrolls: root.scrollWidth > width + 1, overflowing };
}

async function overflowAt(page, viewport) {
  await page.setViewportSize(viewport);
  return page.evaluate(measureOverflow);
}

async function runAxe(page) {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    AXE_TAGS,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.flat().join(" ")),
  }));
}

async function load(page, file) {
  const response = await page.goto(pathToFileURL(file).href, {
    waitUntil: "load",
    timeout: LOAD_TIMEOUT_MS,
  });
  if (response && !response.ok()) throw new Error(`cannot load ${file}: status ${response.status()}`);
}

function visibleTextLength(page) {
  return page.evaluate(() => (document.body ? document.body.innerText.trim().length : 0));
}

// Pages are loaded from disk; anything they ask of the network is refused and reported.
async function offline(context, blocked) {
  await context.route(
    (url) => url.protocol !== "file:" && url.protocol !== "data:",
    (route) => {
      blocked.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
}

// Screenshots are named after their page; a second page of the same name gets a number.
function screenshotNamer(folder) {
  const names = new Map();
  return (file, width) => {
    if (!names.has(file)) {
      const stem = path.basename(file, path.extname(file));
      const taken = new Set(names.values());
      let name = stem;
      for (let n = 2; taken.has(name); n += 1) name = `${stem}-${n}`;
      names.set(file, name);
    }
    return path.join(folder, `${names.get(file)}-${width}.png`);
  };
}

async function checkPage(file, withScript, withoutScript, blocked, shotPath) {
  const started = performance.now();
  blocked.length = 0;
  const result = { path: file };
  await load(withScript, file);
  await withScript.evaluate(() => document.fonts.ready);
  result.violations = await runAxe(withScript);
  result.screenshots = {};
  if (shotPath) {
    result.screenshots["1280"] = shotPath(file, DESKTOP.width);
    await withScript.screenshot({ path: result.screenshots["1280"], fullPage: true });
  }
  result.zoomed = await overflowAt(withScript, ZOOMED);
  result.narrow = await overflowAt(withScript, NARROW);
  if (shotPath) {
    result.screenshots["320"] = shotPath(file, NARROW.width);
    await withScript.screenshot({ path: result.screenshots["320"], fullPage: true });
  }
  await withScript.setViewportSize(DESKTOP);
  const textWithScript = await visibleTextLength(withScript);
  await load(withoutScript, file);
  result.text = { withScript: textWithScript, withoutScript: await visibleTextLength(withoutScript) };
  result.blocked = [...new Set(blocked)];
  result.seconds = Number(((performance.now() - started) / 1000).toFixed(3));
  return result;
}

async function main() {
  const { screenshots, list } = parseArgs(process.argv.slice(2));
  const files = readPages(list);
  if (screenshots) mkdirSync(screenshots, { recursive: true });
  const shotPath = screenshots ? screenshotNamer(path.resolve(screenshots)) : null;
  const started = performance.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const blocked = [];
    const scripted = await browser.newContext({ viewport: DESKTOP });
    // The pages must show their text without JavaScript; this context loads each one without it.
    const unscripted = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    await offline(scripted, blocked);
    await offline(unscripted, blocked);
    const withScript = await scripted.newPage();
    const withoutScript = await unscripted.newPage();
    const pages = [];
    for (const file of files) pages.push(await checkPage(file, withScript, withoutScript, blocked, shotPath));
    const report = {
      browser: browser.version(),
      axe: AXE_VERSION,
      tags: AXE_TAGS,
      viewports: { desktop: DESKTOP.width, zoomed: ZOOMED.width, narrow: NARROW.width },
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      pages,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`check_pages: ${error.message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
