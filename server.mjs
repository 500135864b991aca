// Production server: `next start` plus one thing it cannot do. Next fills in
// X-Forwarded-For only when the request lacks it, so a client could name any
// address and slip past the per-client rate limit. Here the socket's address
// is always appended, and lib/views/client-address.ts trusts only as many
// hops as TRUSTED_PROXIES says.
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((request, response) => {
  const forwarded = request.headers["x-forwarded-for"];
  const peer = request.socket.remoteAddress ?? "unknown";
  request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
  handle(request, response);
}).listen(port, hostname, () => {
  console.log(`Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
