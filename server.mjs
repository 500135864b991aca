// Production server: `next start` plus what it cannot do by itself.
// - It refuses to start, with one line naming the problem, when the content snapshot the build
//   wrote is missing or damaged, there is no build, or SITE_TIMEZONE names no time zone: pages
//   would fail otherwise.
// - It serves with the configuration the build recorded, without compiling next.config.ts.
// - Next fills in X-Forwarded-For only when the request lacks it, so a client
//   could name any address and slip past the per-client rate limit. Here the
//   socket's address is always appended, and lib/http/client-address.ts trusts only
//   as many hops as TRUSTED_PROXIES says.
// - Requests Next would answer with a 500 and a stack in the log are bad requests, and get a 400
//   here: a path that is not valid percent-encoding, and a malformed router state header.
// - Next answers notFound() and render errors on dynamic routes with an empty HTML shell that
//   only JavaScript fills in; the complete pages the build prerendered are sent instead.
// - Each HTML document's Content-Security-Policy allows its own inline scripts by hash
//   (lib/http/script-policy.mjs) instead of any inline script.
// - Every response it writes itself, and Node's own 400 and 431, carry the security headers the
//   build configured. HSTS depends on how the site is served, which is known at run time, not
//   when next.config.ts headers are built: HSTS=1, or a SITE_URL on https.
import fs from "node:fs";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import net from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import compression from "compression";
import { LRUCache } from "lru-cache";
import next from "next";
import { snapshotFile, snapshotProblem } from "./lib/archive/snapshot-file.mjs";
import { buildFolderName } from "./lib/http/build-folder.mjs";
import { holdDocuments } from "./lib/http/document-responses.mjs";
import { policyForDocumentOffThread } from "./lib/http/script-policy.mjs";

/** What in the environment keeps the site from being served, in one line. */
function settingProblem() {
  const zone = process.env.SITE_TIMEZONE;
  try {
    if (zone) new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    return `SITE_TIMEZONE="${zone}" is not a time zone: expected an IANA name such as "Europe/Berlin" or "UTC"`;
  }
  return undefined;
}

const distDirName = buildFolderName();
const distDir = path.resolve(distDirName);

/**
 * The configuration the build resolved from next.config.ts, which the server uses as Next's
 * standalone server does, instead of compiling next.config.ts again: that would load Next's SWC
 * compiler (about 25 MB resident) into every server process, and could differ from what the
 * build compiled. Undefined when there is no build.
 */
function builtConfig() {
  try {
    return JSON.parse(fs.readFileSync(path.join(distDir, "required-server-files.json"), "utf8")).config;
  } catch {
    return undefined;
  }
}

const config = builtConfig();
const problem =
  settingProblem() ?? snapshotProblem(snapshotFile()) ?? (config ? undefined : `no production build in ${distDir}: run npm run build`);
if (problem) {
  console.error(`Not starting: ${problem}`);
  process.exit(1);
}
// The build folder is the one named now, wherever it was built.
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify({ ...config, distDir: distDirName });

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const hsts = process.env.HSTS === "1" || (process.env.HSTS !== "0" && (process.env.SITE_URL ?? "").startsWith("https://"));
const { parseAndValidateFlightRouterState } = createRequire(import.meta.url)("next/dist/server/app-render/parse-and-validate-flight-router-state");

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

/** The headers next.config.ts gives every path, as the build recorded them. */
const securityHeaders = Object.fromEntries(
  JSON.parse(fs.readFileSync(path.join(distDir, "routes-manifest.json"), "utf8"))
    .headers.filter((rule) => new RegExp(rule.regex).test("/"))
    .flatMap((rule) => rule.headers.map(({ key, value }) => [key, value])),
);
if (hsts) securityHeaders["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";

/** The complete pages that stand in for Next's empty shells, by status. */
const errorPages = new Map(
  [
    [404, "_not-found.html"],
    [500, "server-error.html"],
  ].map(([status, file]) => [status, fs.readFileSync(path.join(distDir, "server/app", file))]),
);

function badRequest(response) {
  response.writeHead(400, { ...securityHeaders, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).end("Bad request\n");
}

function isWellFormed(request) {
  try {
    decodeURIComponent((request.url ?? "/").split("?")[0]);
    parseAndValidateFlightRouterState(request.headers["next-router-state-tree"]);
    return true;
  } catch {
    return false;
  }
}

const policy = securityHeaders["Content-Security-Policy"];
// A cached page is sent many times: its policy is worked out once, under the ETag Next gives its
// body (else a hash of it), and only pages a cache may keep are remembered, so that one-off
// pages (search results) do not push the site's pages out.
const policies = new LRUCache({ max: 1000 });

async function policyFor(response, body) {
  const shared = !/\b(no-store|private)\b/.test(String(response.getHeader("cache-control") ?? ""));
  const key = String(response.getHeader("etag") ?? createHash("sha256").update(body).digest("base64"));
  let found = shared ? policies.get(key) : undefined;
  if (found === undefined) {
    found = await policyForDocumentOffThread(policy, body.toString("utf8"));
    if (shared) policies.set(key, found);
  }
  return found;
}

/** Sends the complete page in place of an empty shell, and a policy that runs only the document's own inline scripts. */
async function finishDocument(response, { status, body, head }) {
  const errorPage = errorPages.get(status);
  if (errorPage) response.removeHeader("ETag");
  const sent = errorPage ?? body;
  if (!head) response.setHeader("Content-Security-Policy", await policyFor(response, sent));
  return sent;
}

// Compression is applied here rather than by Next (compress: false in next.config.ts), so that
// documents are finished above before they are compressed, not after.
const compress = compression();

const server = createServer((request, response) => {
  if (!isWellFormed(request)) return badRequest(response);
  const forwarded = request.headers["x-forwarded-for"];
  const peer = request.socket.remoteAddress ?? "unknown";
  request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
  if (hsts) response.setHeader("Strict-Transport-Security", securityHeaders["Strict-Transport-Security"]);
  compress(request, response, () => {
    holdDocuments(request, response, (document) => finishDocument(response, document));
    handle(request, response);
  });
});

// Node answers a request it cannot parse (431 for oversized headers, 400 otherwise) without any
// headers; this is the same answer with the site's security headers.
server.on("clientError", (error, socket) => {
  if (!socket.writable || error.code === "ECONNRESET") return socket.destroy();
  const [status, text] = error.code === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : [400, "Bad Request"];
  const headers = Object.entries({ ...securityHeaders, "Content-Type": "text/plain; charset=utf-8", "Content-Length": text.length + 1, Connection: "close" });
  socket.end(`HTTP/1.1 ${status} ${text}\r\n${headers.map(([key, value]) => `${key}: ${value}\r\n`).join("")}\r\n${text}\n`);
});

/** Whether something is listening on the unix socket at `path`. */
function answers(path) {
  return new Promise((resolve) => {
    const probe = net.connect(path, () => {
      probe.end();
      resolve(true);
    });
    probe.on("error", () => resolve(false));
  });
}

// SOCKET_PATH serves on a unix socket instead of a port: behind a proxy on the same machine, the
// app is then reachable only through the proxy, so no client can reach it directly and claim an
// address in X-Forwarded-For (TRUSTED_PROXIES).
const socketPath = process.env.SOCKET_PATH;
if (socketPath) {
  // A socket left by a server that did not exit cleanly would stop listen(); a live one (another
  // instance still serving) and anything else at that path are left alone, and listen() reports it.
  if (fs.statSync(socketPath, { throwIfNoEntry: false })?.isSocket() && !(await answers(socketPath))) fs.rmSync(socketPath);
  server.listen(socketPath, () => console.log(`Ready on unix:${socketPath}`));
} else {
  server.listen(port, hostname, () => {
    console.log(`Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  });
}
