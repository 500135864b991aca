// @ts-check
// Next writes a page as it renders, and sends its headers before the first chunk. To send headers
// that depend on the whole document (the hashes of its inline scripts), or to send another
// document instead (a complete error page in place of an empty shell), the server holds the
// document back until it is complete.

/**
 * @typedef {(document: { status: number; body: Buffer; head: boolean }) => Buffer | Promise<Buffer>} Finish
 *   Returns (or resolves to) the body to send, and may set headers.
 */

/**
 * Makes `response` hold back an HTML document until Next ends it, then sends what `finish`
 * returns. Anything else passes through untouched: router payloads (the `rsc` request header),
 * which the browser's router reads, and every other content type.
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 * @param {Finish} finish
 */
export function holdDocuments(request, response, finish) {
  if (request.headers.rsc !== undefined) return;
  const { write, end, flushHeaders } = response;
  /** @type {Buffer[] | undefined} */
  let held;
  let decided = false;
  const decide = () => {
    if (decided) return;
    decided = true;
    // A 304 leaves the browser's stored copy in place, and its headers update the stored ones: a
    // fixed policy here would replace the document's own. Without one, the stored policy stays.
    if (response.statusCode === 304 && !response.headersSent) response.removeHeader("Content-Security-Policy");
    const html = /^text\/html\b/.test(String(response.getHeader("content-type") ?? ""));
    if (html && !response.headersSent) held = [];
  };
  response.flushHeaders = function () {
    decide();
    if (!held) flushHeaders.call(this);
  };
  // @ts-expect-error: one replacement for write's overloads, passing them on unchanged
  response.write = function (chunk, encoding, callback) {
    decide();
    if (!held) return write.apply(this, arguments);
    held.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done);
    return true;
  };
  // @ts-expect-error: one replacement for end's overloads, passing them on unchanged
  response.end = function (chunk, encoding, callback) {
    decide();
    if (!held) return end.apply(this, arguments);
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") {
      held.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
    }
    const head = request.method === "HEAD";
    const done = [chunk, encoding, callback].find((arg) => typeof arg === "function");
    const send = (/** @type {Buffer} */ body) => {
      if (!head) response.setHeader("Content-Length", body.length);
      return end.call(this, head ? undefined : body, done);
    };
    const finished = finish({ status: response.statusCode, body: Buffer.concat(held), head });
    if (Buffer.isBuffer(finished)) return send(finished);
    // A document that cannot be finished (its policy not worked out) is not sent half-secured.
    finished.then(send, (error) => {
      console.error("Could not finish a document:", error);
      response.destroy(error);
    });
    return this;
  };
}
