import { describe, expect, it } from "vitest";
import { applyClientAddress, CLIENT_ADDRESS_HEADER, clientAddress, resolveClientAddress, trustProxies } from "@/lib/auth/client-address";
import { ConfigurationError, parseEnv } from "@/lib/core/env";

const request = (peer: string | undefined, headers: Record<string, string> = {}) => ({
  socket: { remoteAddress: peer },
  headers: { ...headers },
});

describe("the client address behind (or without) a reverse proxy", () => {
  const nobody = trustProxies([]);
  const nginx = trustProxies(["127.0.0.1"]);
  const proxyNetwork = trustProxies(["10.0.1.0/24", "fd00::/64"]);

  it("is the connection's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress(request("127.0.0.1"), nobody)).toBe("127.0.0.1");
    expect(resolveClientAddress(request("127.0.0.1", { "x-forwarded-for": "203.0.113.9" }), nobody)).toBe("127.0.0.1");
    expect(resolveClientAddress(request("10.2.3.4", { "x-forwarded-for": "10.0.1.5, 198.51.100.1" }), nobody)).toBe("10.2.3.4");
  });

  it("is the peer when the peer is not one of the trusted proxies", () => {
    expect(resolveClientAddress(request("10.9.9.9", { "x-forwarded-for": "203.0.113.9" }), nginx)).toBe("10.9.9.9");
    expect(resolveClientAddress(request("10.0.2.1", { "x-forwarded-for": "203.0.113.9" }), proxyNetwork)).toBe("10.0.2.1");
  });

  it("is what a trusted proxy says, read from the right, through trusted hops only", () => {
    expect(resolveClientAddress(request("127.0.0.1", { "x-forwarded-for": "127.0.0.7" }), nginx)).toBe("127.0.0.7");
    // The client forged the leftmost entry; nginx appended the real peer: the real one wins.
    expect(resolveClientAddress(request("127.0.0.1", { "x-forwarded-for": "203.0.113.9, 10.4.4.4" }), nginx)).toBe("10.4.4.4");
    // Two proxies of the trusted network in a row, then the client.
    expect(resolveClientAddress(request("10.0.1.2", { "x-forwarded-for": "10.8.8.8, 10.0.1.3" }), proxyNetwork)).toBe("10.8.8.8");
    // A trusted proxy without the header: the proxy itself is all that is known.
    expect(resolveClientAddress(request("127.0.0.1"), nginx)).toBe("127.0.0.1");
  });

  it("matches CIDR ranges for IPv4 and IPv6 peers", () => {
    expect(resolveClientAddress(request("10.0.1.254", { "x-forwarded-for": "10.5.5.5" }), proxyNetwork)).toBe("10.5.5.5");
    expect(resolveClientAddress(request("10.0.0.254", { "x-forwarded-for": "10.5.5.5" }), proxyNetwork)).toBe("10.0.0.254");
    expect(resolveClientAddress(request("fd00::12", { "x-forwarded-for": "fd00:1::7" }), proxyNetwork)).toBe("fd00:1::7");
    expect(resolveClientAddress(request("fd00:0:0:1::12", { "x-forwarded-for": "fd00:1::7" }), proxyNetwork)).toBe("fd00:0:0:1::12");
  });

  it("treats an IPv4-mapped IPv6 peer (a dual-stack socket) as its IPv4 address, trusted and recorded alike", () => {
    expect(resolveClientAddress(request("::ffff:127.0.0.1"), nobody)).toBe("127.0.0.1");
    expect(resolveClientAddress(request("::ffff:127.0.0.1", { "x-forwarded-for": "127.0.0.9" }), nginx)).toBe("127.0.0.9");
    expect(resolveClientAddress(request("::ffff:10.0.1.9", { "x-forwarded-for": "::ffff:10.7.7.7" }), proxyNetwork)).toBe("10.7.7.7");
    expect(resolveClientAddress(request("::ffff:10.0.2.9", { "x-forwarded-for": "10.7.7.7" }), proxyNetwork)).toBe("10.0.2.9");
  });

  it("never records what a trusted proxy passes on that is not an address", () => {
    expect(resolveClientAddress(request("127.0.0.1", { "x-forwarded-for": "<script>" }), nginx)).toBe("unknown");
    expect(resolveClientAddress(request(undefined, { "x-forwarded-for": "10.1.1.1" }), nginx)).toBe("unknown");
  });

  it("hands the app one private header, overwriting a client's, and drops forwarding headers an untrusted peer sent", () => {
    const forged = request("10.9.9.9", {
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-host": "evil.example",
      "x-real-ip": "203.0.113.9",
      [CLIENT_ADDRESS_HEADER]: "203.0.113.9",
    });
    expect(applyClientAddress(forged, nginx)).toBe("10.9.9.9");
    expect(forged.headers).toEqual({ [CLIENT_ADDRESS_HEADER]: "10.9.9.9" });
    expect(clientAddress(forged.headers)).toBe("10.9.9.9");

    const proxied = request("127.0.0.1", { "x-forwarded-for": "10.3.3.3", "x-forwarded-proto": "https" });
    applyClientAddress(proxied, nginx);
    expect(proxied.headers).toEqual({ "x-forwarded-for": "10.3.3.3", "x-forwarded-proto": "https", [CLIENT_ADDRESS_HEADER]: "10.3.3.3" });
  });

  it("is read by the app from that header only (Fetch headers or Node's), unknown without it", () => {
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "10.1.2.3", "x-forwarded-for": "203.0.113.9" }))).toBe("10.1.2.3");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.9" })).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});

describe("TRUSTED_PROXIES", () => {
  const refusal = (value: string) => {
    try {
      parseEnv({ TRUSTED_PROXIES: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as ConfigurationError).problems;
    }
    throw new Error(`accepted ${value}`);
  };

  it("trusts nobody by default", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: " " }).TRUSTED_PROXIES).toEqual([]);
  });

  it("takes comma-separated addresses and CIDR ranges, IPv4 and IPv6", () => {
    expect(parseEnv({ TRUSTED_PROXIES: "10.0.0.5, 10.0.1.0/24,::1 ,fd00::/8" }).TRUSTED_PROXIES).toEqual([
      "10.0.0.5",
      "10.0.1.0/24",
      "::1",
      "fd00::/8",
    ]);
  });

  it.each([
    "10.0.0.300",
    "10.1",
    "0x0a.0.0.1",
    "010.0.0.1",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/",
    "10.0.0.0/8/8",
    "loopback",
    "nginx.intranet",
    "10.0.0.5;10.0.0.6",
  ])("refuses %s, naming the variable", (value) => {
    expect(refusal(value)).toEqual([expect.stringMatching(/^TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges/)]);
  });
});
