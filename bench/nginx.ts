import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "../tests/e2e/server";
import { findSystemProgram, freePort } from "../tests/system";

export const NGINX = findSystemProgram([process.env.NGINX_PATH, "/usr/sbin/nginx", "/usr/bin/nginx"]);

export type RunningNginx = { staticUrl: string; proxyUrl: string; stop(): Promise<void> };

/**
 * deploy/nginx.conf itself, pointed at one app on loopback and a cache folder
 * of its own, so the bench measures the configuration that is deployed. Throws
 * when the file no longer has what is replaced, rather than measuring something else.
 * The locations it includes (deploy/nginx-site.conf) are copied to `siteFile` without their
 * per-address limits: the bench's load comes from one address, and would measure the limits.
 */
function deployedConfig(appPort: number, proxyPort: number, cacheDir: string, siteFile: string): string {
  let config = fs.readFileSync(path.join(root, "deploy/nginx.conf"), "utf8");
  const site = fs.readFileSync(path.join(root, "deploy/nginx-site.conf"), "utf8");
  if (!/^\s*limit_req /m.test(site)) throw new Error("deploy/nginx-site.conf has no limit_req; update bench/nginx.ts");
  fs.writeFileSync(siteFile, site.replace(/^\s*limit_(req|conn) [^;]*;$/gm, ""));
  const replacements: [RegExp, string][] = [
    [/\/var\/cache\/nginx\/newsroom/, cacheDir],
    [/\/etc\/nginx\/newsroom\/site\.conf/g, siteFile],
    // The upstream's list of app instances becomes the one app under test.
    [/(\n\s*server [\w.-]+:\d+;)+/, `\n  server 127.0.0.1:${appPort};`],
    [/listen 80;/, `listen 127.0.0.1:${proxyPort};`],
  ];
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(config)) throw new Error(`deploy/nginx.conf has nothing matching ${pattern}; update bench/nginx.ts`);
    config = config.replace(pattern, replacement);
  }
  return config;
}

/**
 * nginx in the foreground, from a temporary prefix, with two servers on free
 * loopback ports: one serving `page` as a static file, and deploy/nginx.conf's
 * caching proxy in front of the app on `appPort`.
 */
export async function startNginx(binary: string, appPort: number, page: string): Promise<RunningNginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "bench-nginx-"));
  const [staticPort, proxyPort] = [await freePort(), await freePort()];
  fs.mkdirSync(path.join(prefix, "static"));
  fs.writeFileSync(path.join(prefix, "static/article.html"), page);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `${kind}_temp_path ${path.join(prefix, `${kind}_temp`)};`);
  fs.writeFileSync(
    path.join(prefix, "nginx.conf"),
    `daemon off;
worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
${/* As root, workers would switch to "nobody", who cannot read the private temporary folder. */ process.getuid?.() === 0 ? "user root;" : ""}
events { worker_connections 1024; }
http {
  access_log off;
  ${temp.join("\n  ")}
  server {
    listen 127.0.0.1:${staticPort};
    root ${prefix}/static;
    default_type text/html;
  }
${deployedConfig(appPort, proxyPort, path.join(prefix, "cache"), path.join(prefix, "site.conf"))}
}
`,
  );

  // -e: the error log before the configuration is read, which otherwise goes to the system's log folder.
  const child = spawn(binary, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-e", path.join(prefix, "error.log")], { stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(prefix, { recursive: true, force: true });
  };
  const staticUrl = `http://127.0.0.1:${staticPort}/article.html`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(staticUrl)).ok) return { staticUrl, proxyUrl: `http://127.0.0.1:${proxyPort}`, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const log = fs.existsSync(path.join(prefix, "error.log")) ? fs.readFileSync(path.join(prefix, "error.log"), "utf8") : "";
  await stop();
  throw new Error(`nginx did not start:\n${log}`);
}
