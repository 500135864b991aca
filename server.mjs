// Production server: `next start` plus what it cannot do by itself.
// - Next fills in X-Forwarded-For only when the request lacks it, so a client
//   could name any address and slip past the per-client rate limit. Here the
//   socket's address is always appended, and lib/http/client-address.ts trusts only
//   as many hops as TRUSTED_PROXIES says.
// - A path that is not valid percent-encoding makes Next answer 500; it is a
//   bad request, so it gets a 400 here.
// - HSTS depends on how the site is served, which is known at run time, not
//   when next.config.ts headers are built: HSTS=1, or a SITE_URL on https.
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";
const hsts = process.env.HSTS === "1" || (process.env.HSTS !== "0" && (process.env.SITE_URL ?? "").startsWith("https://"));

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

function decodable(url) {
  try {
    decodeURIComponent((url ?? "/").split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

createServer((request, response) => {
  if (!decodable(request.url)) {
    response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" }).end("Bad request\n");
    return;
  }
  const forwarded = request.headers["x-forwarded-for"];
  const peer = request.socket.remoteAddress ?? "unknown";
  request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
  if (hsts) response.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  handle(request, response);
}).listen(port, hostname, () => {
  console.log(`Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
