// A reverse proxy in front of fapi-server that can break on request, for the
// failure tests: the widget talks to it over real HTTP and sees real faults.
//
//   node e2e/support/fault-proxy.mjs --port 4100 --upstream http://127.0.0.1:4000
//
// Control (not forwarded):
//   POST /__fault/mode  body: pass | down | status:<code> | delay:<ms>
//     pass        forward every request
//     down        destroy every connection, as a stopped server would
//     status:500  answer that status with Clerk's error envelope
//     delay:3000  wait that long, then forward
//   GET  /__fault/log    the requests forwarded or refused so far: [{method, url, body}]
//   POST /__fault/clear  empty the log
// CORS for the control paths echoes the Origin, like the API.
import http from "node:http";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const upstream = new URL(args.upstream);
let mode = "pass";
let log = [];

function cors(req, res) {
  if (req.headers.origin) {
    res.setHeader("access-control-allow-origin", req.headers.origin);
    res.setHeader("access-control-allow-credentials", "true");
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (req.url.startsWith("/__fault/")) {
      cors(req, res);
      if (req.url === "/__fault/mode" && req.method === "POST") mode = body.toString().trim();
      else if (req.url === "/__fault/clear" && req.method === "POST") log = [];
      else if (req.url === "/__fault/log") {
        res.setHeader("content-type", "application/json");
        return res.end(JSON.stringify(log));
      }
      res.statusCode = 204;
      return res.end();
    }
    if (req.method !== "OPTIONS") log.push({ method: req.method, url: req.url, body: body.toString() });
    const forward = () => {
      const proxied = http.request(
        { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode, up.headers);
          up.pipe(res);
        },
      );
      proxied.on("error", () => res.destroy());
      proxied.end(body);
    };
    if (mode === "down") return req.socket.destroy();
    if (mode.startsWith("status:")) {
      const status = Number(mode.slice(7));
      cors(req, res);
      res.writeHead(status, { "content-type": "application/json" });
      return res.end(JSON.stringify({
        errors: [{ code: "internal_clerk_error", message: "Injected failure", long_message: `The fault proxy answered ${status}.`, meta: {} }],
        clerk_trace_id: "fault-proxy",
      }));
    }
    if (mode.startsWith("delay:")) return setTimeout(forward, Number(mode.slice(6)));
    forward();
  });
});
server.listen(Number(args.port), "127.0.0.1", () => console.log(`fault proxy on http://127.0.0.1:${args.port} -> ${upstream.href}`));
