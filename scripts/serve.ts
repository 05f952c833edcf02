/**
 * The app's HTTP server: Next.js behind a small Node server of our own (Next's custom-server API),
 * because only here is the connection's peer address known. For every request it resolves the
 * client address (the peer, or behind a proxy listed in TRUSTED_PROXIES what that proxy says) and
 * hands it to the app in one private header; forwarding headers from anyone else are dropped. Route
 * handlers and next-auth see headers only, and Next fills X-Forwarded-For with the peer only when a
 * client has not sent one, so without this a forged header would be taken as the address.
 *
 * `node --import tsx scripts/serve.ts <start|dev> --port <port> [--hostname <host>]`; started by
 * scripts/lib/app-server.ts (npm start, npm run dev, the e2e run, bench, load). Logs in English.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { envOrExit } from "../lib/core/env";
import { applyClientAddress, trustProxies } from "../lib/auth/client-address";
import { malformedRequest, MESSAGES, rawRefusal, refusalAnswer, unknownActionRefusal, type Refusal } from "../lib/core/request-checks";

const log = (line: string) => console.log(`[serve] ${line}`);

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string" }, hostname: { type: "string", default: "0.0.0.0" } },
});
const mode = positionals[0] ?? "start";
if (mode !== "start" && mode !== "dev") {
  console.error(`[serve] unknown mode "${mode}": use start or dev`);
  process.exit(2);
}
const port = values.port ? Number(values.port) : envOrExit().PORT;
const hostname = values.hostname;

const server = createServer(onRequest);
// Next attaches its own upgrade listener to this server (development hot reload at /_next/hmr;
// the custom-server API's getUpgradeHandler() is a no-op), so no upgrade handler of ours.
const app = next({ dev: mode === "dev", hostname, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
// Read after Next has loaded any .env files; a wrong value stops the server, naming the variable.
const config = envOrExit();
const trust = trustProxies(config.TRUSTED_PROXIES);

function refuse(response: ServerResponse, refusal: Refusal, url: string): void {
  const { status, headers, body } = refusalAnswer(refusal, url);
  response.writeHead(status, headers).end(body);
}

/**
 * Next refuses a server action this build does not have itself (409, or 400 for a form posted
 * without JavaScript), marked by its not-found header, in English plain text: the same refusal in
 * Chinese. Swapped where the status line is written, since Next's compression wraps `end` after us.
 */
function unknownActionsInChinese(response: ServerResponse, url: string): void {
  type Method = (...args: unknown[]) => unknown;
  const writeHead = response.writeHead.bind(response) as Method;
  const write = response.write.bind(response) as Method;
  const end = response.end.bind(response) as Method;
  let replacement: string | null = null;
  const head = (status: number, ...rest: unknown[]) => {
    if (response.getHeader("x-nextjs-action-not-found") === "1" && (status === 400 || status === 409)) {
      const answer = refusalAnswer(unknownActionRefusal(status), url);
      for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
      response.setHeader("Content-Length", Buffer.byteLength(answer.body));
      replacement = answer.body;
    }
    return writeHead(status, ...rest);
  };
  response.writeHead = head as typeof response.writeHead;
  response.write = ((...args: unknown[]) => {
    if (!response.headersSent) head(response.statusCode);
    return replacement === null ? write(...args) : true;
  }) as typeof response.write;
  response.end = ((...args: unknown[]) => {
    if (!response.headersSent) head(response.statusCode);
    return replacement === null ? end(...args) : end(replacement);
  }) as typeof response.end;
}

/** Every request passes here before Next: checks and header rewrites go first, in order. */
function onRequest(request: IncomingMessage, response: ServerResponse): void {
  // A malformed request is refused in Chinese here: Next answers TRACE or an undecodable address with a bare 500.
  const url = request.url ?? "/";
  const refused = malformedRequest(request.method ?? "", url, request.headers);
  if (refused) return refuse(response, refused, url);
  if (request.method === "POST" && !url.startsWith("/api/")) unknownActionsInChinese(response, url);
  applyClientAddress(request, trust);
  handle(request, response).catch((error: unknown) => {
    console.error("[serve] request failed", error);
    if (!response.headersSent) {
      response.statusCode = 500;
      response.setHeader("Content-Type", "text/plain; charset=utf-8");
    }
    response.end("服务器内部错误，请稍后重试。");
  });
}

// What Node's parser cannot read (raw bytes in the address, a broken header) and CONNECT: a Chinese 4xx, not an empty 400 or a dropped connection.
server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  socket.end(rawRefusal({ status: 400, message: MESSAGES.badClientRequest }));
});
server.on("connect", (request: IncomingMessage, socket) => {
  socket.end(rawRefusal(malformedRequest("CONNECT", request.url ?? "/", {}) ?? { status: 400, message: MESSAGES.badClientRequest }));
});

server.listen(port, hostname, () => {
  const proxies = config.TRUSTED_PROXIES.length ? config.TRUSTED_PROXIES.join(", ") : "none (every peer is the client)";
  log(`next ${mode} listening on http://${hostname}:${port}; trusted proxies: ${proxies}`);
});

let closing = false;
function close(): void {
  if (closing) return;
  closing = true;
  server.close();
  server.closeIdleConnections();
  void app.close().finally(() => process.exit(0));
  // Open keep-alive or streaming connections must not keep a stopped server alive.
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", close);
process.on("SIGINT", close);
