#!/usr/bin/env node
// Browser test of the web chat widget, in Debian's headless Chromium driven by playwright-core.
//
//   node tests/web/widget.spec.mjs --base http://127.0.0.1:5005 \
//        [--screenshot artifacts/web/widget.png] [--timeout 30000] [--expect-formatting yes]
//        [--host-port 8123] [--embed no]
//
// The embedded widget runs on an "NGO page" served by this script on --host-port: the server
// must allow that origin (ACOMPANA_ALLOWED_ORIGINS=http://127.0.0.1:<port>); --embed no
// skips that part (for a server started without it).
//
// --base is a running server with bot.channels.webchat.WebChatInput enabled: `rasa run` or
// the stub (tests/web/stub_server.py). Run by tests/web/test_widget.py. Prints "ok - …" per
// step on stderr and one JSON line on stdout; exits 1 on the first failure (with a
// screenshot artifacts/web/failure.png). Any request that leaves the test's own servers
// fails the test, except the quick-exit page, which is answered by the test itself.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// playwright-core is installed in web/node_modules (npm ci --prefix web).
const require = createRequire(path.join(ROOT, "web", "package.json"));
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
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
const PHONE = { width: 375, height: 667 };
// Must match EXIT_URL in web/widget.js.
const EXIT_URL = "https://www.google.com/search?q=clima";
const TYPED_MESSAGE = "Hola, quiero saber qué puedo hacer.";
const SECOND_MESSAGE = "Gracias.";
/** A reply is complete when no new bubble arrives for this long (Rasa splits on blank lines). */
const SETTLE_MS = 800;
/** WCAG AA minimum contrast for normal text. */
const MIN_CONTRAST = 4.5;

const options = parseArgs(process.argv.slice(2));
const BASE = options.base.replace(/\/+$/, "");
const TIMEOUT = Number(options.timeout || 30000);
const SCREENSHOT = path.resolve(ROOT, options.screenshot || "artifacts/web/widget.png");
const HOST_PORT = Number(options["host-port"] || 0);
const EMBED = options.embed !== "no";
const EMBED_SCREENSHOT = SCREENSHOT.replace(/\.png$/, "") + "-embed.png";

const summary = { base: BASE, steps: [], unexpected_requests: [], page_errors: [] };
let currentPage = null;

function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i += 2) {
    parsed[argv[i].replace(/^--/, "")] = argv[i + 1];
  }
  if (!parsed.base) {
    console.error("usage: node tests/web/widget.spec.mjs --base http://127.0.0.1:5005");
    process.exit(2);
  }
  return parsed;
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function step(name, body) {
  try {
    await body();
    summary.steps.push(name);
    console.error(`ok - ${name}`);
  } catch (error) {
    console.error(`FAIL - ${name}: ${error.message}`);
    if (currentPage && !currentPage.isClosed()) {
      const failure = path.join(path.dirname(SCREENSHOT), "failure.png");
      await currentPage.screenshot({ path: failure, fullPage: true }).catch(() => {});
      console.error(`screenshot of the failure: ${failure}`);
    }
    throw error;
  }
}

// ---- page helpers ----------------------------------------------------------------------

const botBubbles = (page) => page.locator(".acp-msg--bot");
const userBubbles = (page) => page.locator(".acp-msg--user");
const choices = (page) => page.locator(".acp-choices .acp-choice");

async function waitForCount(locator, atLeast, what) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if ((await locator.count()) >= atLeast) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${TIMEOUT} ms waiting for ${what}`);
}

/** Wait for more than `before` bot bubbles, then until no more arrive for SETTLE_MS. */
async function waitForReply(page, before) {
  await waitForCount(botBubbles(page), before + 1, "a bot reply");
  let count = await botBubbles(page).count();
  for (;;) {
    await page.waitForTimeout(SETTLE_MS);
    const now = await botBubbles(page).count();
    if (now === count) {
      return count;
    }
    count = now;
  }
}

/** Text of a bubble without the screen-reader prefix ("Tú: ", "Acompaña dice: "). */
async function bubbleText(locator) {
  return locator.evaluate((node) => {
    const clone = node.cloneNode(true);
    clone.querySelectorAll(".acp-sr-only").forEach((hidden) => hidden.remove());
    return clone.textContent.trim();
  });
}

async function storageLengths(page) {
  return page.evaluate(() => ({ session: sessionStorage.length, local: localStorage.length }));
}

async function noHorizontalScroll(page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  check(widths.scroll <= widths.inner,
    `horizontal scroll at ${PHONE.width} px: scrollWidth ${widths.scroll} > ${widths.inner}`);
}

/** Contrast ratio of text against its (first opaque ancestor's) background, per WCAG 2. */
async function contrastOf(locator) {
  return locator.evaluate((node) => {
    const parse = (value) => (value.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
      const channel = (c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const fg = parse(getComputedStyle(node).color);
    let bg = [255, 255, 255];
    for (let n = node; n; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) {
      const value = parse(getComputedStyle(n).backgroundColor);
      if (value.length === 3 || (value.length === 4 && value[3] === 1)) {
        bg = value.slice(0, 3);
        break;
      }
    }
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    return (l1 + 0.05) / (l2 + 0.05);
  });
}

// ---- the NGO's page, on another origin, for the embedded widget --------------------------

function startHostPage() {
  const html = `<!doctype html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ONG de ejemplo</title>
<style>body{font-family:serif;margin:16px} button{background:#ff0;color:#000;font-size:30px}</style>
</head><body>
<h1>ONG de ejemplo</h1>
<p>Página de una organización que añade el chat con una sola línea.</p>
<script>window.io = function hostSocketIo() { return "the host page's own socket.io"; };</script>
<script src="${BASE}/chat/widget.js" data-server="${BASE}" defer></script>
</body></html>`;
  const server = http.createServer((request, response) => {
    response.writeHead(request.url === "/" ? 200 : 404, {
      "Content-Type": "text/html; charset=utf-8",
    });
    response.end(request.url === "/" ? html : "");
  });
  return new Promise((resolve) => {
    server.listen(HOST_PORT, "127.0.0.1", () => resolve(server));
  });
}

// ---- the test ----------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  const host = await startHostPage();
  const HOST = `http://127.0.0.1:${host.address().port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "acompana-chromium-"));
  const exitRequests = [];

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    locale: "es-ES",
  });
  context.setDefaultTimeout(TIMEOUT);
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(EXIT_URL.split("?")[0])) {
      exitRequests.push({ url, headers: route.request().headers() });
      await route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: "<!doctype html><title>clima</title><p>Página de salida simulada por la prueba.</p>",
      });
    } else if (url.startsWith(BASE + "/") || url.startsWith(HOST + "/")) {
      await route.continue();
    } else {
      summary.unexpected_requests.push(url);
      await route.abort();
    }
  });

  const page = context.pages()[0] || (await context.newPage());
  currentPage = page;
  page.on("pageerror", (error) => summary.page_errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") {
      summary.page_errors.push(`console: ${message.text()}`);
    }
  });

  try {
    await runFullPage(page, exitRequests);
    if (EMBED) {
      await runEmbedded(page, HOST);
    }
    await step("no request left the test's servers (no CDN)", async () => {
      check(summary.unexpected_requests.length === 0,
        `unexpected requests: ${summary.unexpected_requests.join(", ")}`);
    });
    await step("no JavaScript or Content-Security-Policy errors", async () => {
      check(summary.page_errors.length === 0, summary.page_errors.join(" | "));
    });
  } finally {
    await context.close();
    host.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  summary.ok = true;
  console.log(JSON.stringify(summary));
}

async function runFullPage(page, exitRequests) {
  let bots = 0;
  const input = page.getByLabel("Escribe tu mensaje");

  await step("page loads at 375x667 and the bot introduces itself with buttons", async () => {
    await page.goto(`${BASE}/chat/`);
    await waitForCount(choices(page), 1, "the buttons of the bot's introduction");
    bots = await waitForReply(page, 0);
    check((await userBubbles(page).count()) === 0, "/greet must not be shown as a user bubble");
  });

  await step("a typed message is sent and the bot replies", async () => {
    await input.fill(TYPED_MESSAGE);
    await input.press("Enter");
    await waitForCount(userBubbles(page), 1, "the user's bubble");
    check((await bubbleText(userBubbles(page).last())) === TYPED_MESSAGE,
      "the user's bubble does not show the typed text");
    check((await input.inputValue()) === "", "the input is not emptied after sending");
    bots = await waitForReply(page, bots);
    await page.screenshot({ path: SCREENSHOT });
  });

  await step("a button sends its payload and shows its title as the user's bubble", async () => {
    await waitForCount(choices(page), 1, "a button to click");
    const button = choices(page).first();
    const title = (await button.textContent()).trim();
    const usersBefore = await userBubbles(page).count();
    await button.click();
    await waitForCount(userBubbles(page), usersBefore + 1, "the clicked button's bubble");
    check((await bubbleText(userBubbles(page).last())) === title,
      `the user's bubble should read "${title}"`);
    check(await input.evaluate((node) => node === node.getRootNode().activeElement),
      "focus should return to the input after clicking a button");
    bots = await waitForReply(page, bots);
  });

  await step("bot text is never HTML; links open apart, without a Referer", async () => {
    const found = await page.evaluate(() => {
      const bubbles = [...document.querySelectorAll(".acp-msg--bot")];
      const elements = bubbles.flatMap((b) => [...b.querySelectorAll("*")]);
      return {
        tags: [...new Set(elements.map((node) => node.tagName))],
        badLinks: [...document.querySelectorAll(".acp-msg--bot a[href^='http']")]
          .filter((a) => a.target !== "_blank" || a.rel !== "noopener noreferrer").length,
        text: bubbles.map((b) => b.textContent).join("\n"),
      };
    });
    const allowed = new Set(["SPAN", "A", "STRONG"]);
    check(found.tags.every((tag) => allowed.has(tag)), `unexpected elements: ${found.tags}`);
    check(found.badLinks === 0, "a link lacks target=_blank rel='noopener noreferrer'");
    if (options["expect-formatting"] === "yes") {
      check(found.tags.includes("A") && found.tags.includes("STRONG"),
        "the stub's **bold** and link were not formatted");
      check(found.text.includes("<img src=x onerror=alert(1)>"), "raw HTML not shown as text");
    }
  });

  await step("accessibility attributes, Spanish, contrast and no horizontal scroll", async () => {
    const facts = await page.evaluate(() => {
      const log = document.querySelector(".acp-log");
      const field = document.querySelector(".acp-input");
      const exit = document.querySelector(".acp-exit");
      return {
        lang: document.documentElement.lang,
        logRole: log && log.getAttribute("role"),
        logLive: log && log.getAttribute("aria-live"),
        label: field && field.labels.length ? field.labels[0].textContent.trim() : "",
        exitTag: exit && exit.tagName,
        exitText: exit && exit.textContent.trim(),
        notice: (document.querySelector(".acp-notice") || {}).textContent || "",
        choicesAreButtons: [...document.querySelectorAll(".acp-choice")]
          .every((node) => node.tagName === "BUTTON"),
      };
    });
    check(facts.lang === "es", `<html lang> is "${facts.lang}", expected "es"`);
    check(facts.logRole === "log" && facts.logLive === "polite",
      "the message list needs role=log and aria-live=polite");
    check(facts.label === "Escribe tu mensaje", "the input has no visible-to-AT label");
    check(facts.exitTag === "BUTTON" && facts.exitText === "Salida rápida",
      "no <button> named «Salida rápida»");
    check(/asistente automático/i.test(facts.notice) && /emergencias/i.test(facts.notice),
      "the notice must say it is an automated assistant and mention emergency numbers");
    check(facts.choicesAreButtons, "bot options must be <button>s");
    await check(await page.locator(".acp-exit").isVisible(), "«Salida rápida» is not visible");
    const box = await page.locator(".acp-exit").boundingBox();
    check(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.y >= 0,
      "«Salida rápida» is not inside the phone's screen");
    await noHorizontalScroll(page);
    for (const selector of [".acp-notice", ".acp-msg--bot", ".acp-msg--user", ".acp-exit",
      ".acp-send", ".acp-title", ".acp-delete"]) {
      const ratio = await contrastOf(page.locator(selector).first());
      check(ratio >= MIN_CONTRAST, `${selector} contrast ${ratio.toFixed(2)} < ${MIN_CONTRAST}`);
    }
  });

  await step("«Borrar conversación» sends /delete_my_data and clears the screen", async () => {
    await page.getByRole("button", { name: "Borrar conversación" }).click();
    check((await userBubbles(page).count()) === 0, "user messages still on screen");
    const remaining = await page.locator(".acp-log").textContent();
    check(!remaining.includes(TYPED_MESSAGE), "the typed message is still on screen");
    const stored = await storageLengths(page);
    check(stored.session === 0 && stored.local === 0, "storage not empty after deleting");
    bots = await waitForReply(page, 0);
  });

  await step("memory only by default; «Recordar…» keeps it across a reload", async () => {
    await input.fill(SECOND_MESSAGE);
    await input.press("Enter");
    bots = await waitForReply(page, bots);
    let stored = await storageLengths(page);
    check(stored.session === 0 && stored.local === 0,
      "something was stored before the person opted in");
    await page.getByLabel("Recordar esta conversación en este dispositivo").check();
    stored = await storageLengths(page);
    check(stored.local === 1 && stored.session === 0, "the opt-in did not use localStorage");
    const shown = await page.locator(".acp-msg").count();
    await page.reload();
    await waitForCount(page.locator(".acp-msg"), shown, "the remembered messages");
    await page.waitForTimeout(SETTLE_MS * 2); // a second /greet would arrive by now
    check((await botBubbles(page).count()) === bots, "the bot greeted again after a reload");
    check(await page.getByLabel("Recordar esta conversación en este dispositivo").isChecked(),
      "the opt-in was not remembered");
  });

  await step("the same conversation opened in a second tab moves there; the first says so",
    async () => {
      const shown = await page.locator(".acp-msg").count();
      const second = await page.context().newPage();
      try {
        await second.goto(`${BASE}/chat/`);
        await waitForCount(second.locator(".acp-msg"), shown, "the conversation in the 2nd tab");
        const deadline = Date.now() + TIMEOUT;
        let status = "";
        while (Date.now() < deadline && !status.includes("otra ventana")) {
          status = (await page.locator(".acp-status").textContent()) || "";
          await page.waitForTimeout(100);
        }
        check(status.includes("otra ventana"), `the first tab says «${status}»`);
      } finally {
        await second.close();
      }
    });

  await step("«Salida rápida» wipes the chat and storage and replaces the page", async () => {
    await page.getByRole("button", { name: "Salida rápida" }).click();
    await page.waitForURL(EXIT_URL);
    check(page.url() === EXIT_URL, `landed on ${page.url()}`);
    check(exitRequests.length === 1 && !exitRequests[0].headers.referer,
      "the neutral page must be opened without a Referer");
    await page.goBack().catch(() => {});
    check(!page.url().includes("/chat/"), "Back returns to the chat: it should be replaced");
    await page.goto(`${BASE}/chat/neutral.html`); // same tab and origin as the chat
    const stored = await storageLengths(page);
    check(stored.session === 0 && stored.local === 0,
      `storage left after quick exit: ${JSON.stringify(stored)}`);
  });

  await step("keyboard: Tab reaches «Salida rápida» first, focus is visible, Esc twice exits",
    async () => {
      await page.goto(`${BASE}/chat/`);
      await waitForCount(choices(page), 1, "the introduction of a new conversation");
      check((await userBubbles(page).count()) === 0, "the old conversation came back");
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const node = document.activeElement;
        const style = getComputedStyle(node);
        return {
          text: node.textContent.trim(),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      });
      check(focused.text === "Salida rápida",
        `the first Tab stop is «${focused.text}», expected «Salida rápida»`);
      check(focused.outline, "the focused button has no visible focus outline");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await page.waitForURL(EXIT_URL);
    });
}

async function runEmbedded(page, HOST) {
  let sockets = 0;
  page.on("websocket", (socket) => {
    if (socket.url().startsWith(BASE.replace(/^http/, "ws"))) {
      sockets += 1;
    }
  });

  await step("embedded on another site: a floating button, no connection until opened",
    async () => {
      await page.goto(`${HOST}/`);
      const launcher = page.getByRole("button", { name: "Chat de apoyo" });
      await launcher.waitFor();
      await page.waitForTimeout(500);
      check(sockets === 0, "the widget connected before the person opened it");
      await noHorizontalScroll(page);
    });

  await step("embedded: opens a panel, connects over WebSocket, intro and reply", async () => {
    await page.getByRole("button", { name: "Chat de apoyo" }).click();
    const input = page.getByLabel("Escribe tu mensaje");
    check(await input.evaluate((node) => node === node.getRootNode().activeElement),
      "opening the panel should move focus to the input");
    await waitForCount(choices(page), 1, "the bot's introduction in the embedded panel");
    const bots = await waitForReply(page, 0);
    check(sockets >= 1, "the widget did not use a WebSocket (cross-origin needs no CORS then)");
    check(await page.evaluate(() => window.io.name === "hostSocketIo"),
      "the widget replaced the host page's window.io");
    await input.fill(TYPED_MESSAGE);
    await input.press("Enter");
    await waitForReply(page, bots);
    await noHorizontalScroll(page);
    check((await contrastOf(page.locator(".acp-msg--user").first())) >= MIN_CONTRAST,
      "the host page's styles changed the widget's colours");
    await page.screenshot({ path: EMBED_SCREENSHOT });
  });

  await step("embedded: closing returns focus to the button; host storage untouched",
    async () => {
      await page.getByRole("button", { name: "Cerrar el chat" }).click();
      const launcher = page.getByRole("button", { name: "Chat de apoyo" });
      check(await launcher.evaluate((node) => node === node.getRootNode().activeElement),
        "focus did not return to «Chat de apoyo»");
      check((await launcher.getAttribute("aria-expanded")) === "false", "aria-expanded not reset");
      const stored = await storageLengths(page);
      check(stored.session === 0 && stored.local === 0, "the widget wrote to the host's storage");
    });
}

main().catch((error) => {
  console.log(JSON.stringify({ ...summary, ok: false, error: error.message }));
  process.exit(1);
});
