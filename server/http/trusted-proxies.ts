// Which peer may tell us the client's address. `X-Forwarded-For` is only as honest as whoever
// sent it: it is believed from the proxies named in PATCHBAY_TRUSTED_PROXIES and from nobody
// else; otherwise the client is the socket's own remote address.
import { BlockList, isIP } from "node:net";

/** One entry of the list ("10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"), or a message why not. */
export function checkProxyEntry(entry: string): string | null {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return `"${entry}" is not an IP address or CIDR range`;
  if (prefix === undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max)
    return `"${entry}": prefix must be 0–${max}`;
  return null;
}

/** Splits the variable's value (commas and/or spaces) into entries. */
export function splitProxyList(raw: string): string[] {
  return raw.split(/[\s,]+/).filter(Boolean);
}

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) → "127.0.0.1". */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(entries: string[]) {
    for (const entry of entries) {
      const problem = checkProxyEntry(entry);
      if (problem) throw new Error(`PATCHBAY_TRUSTED_PROXIES: ${problem}`);
      const [address, prefix] = entry.split("/") as [string, string | undefined];
      const type = isIP(address) === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
    this.size = entries.length;
  }

  has(address: string | undefined): boolean {
    if (!address || this.size === 0) return false;
    const a = normalizeAddress(address);
    const family = isIP(a);
    return family !== 0 && this.list.check(a, family === 4 ? "ipv4" : "ipv6");
  }

  /**
   * The client's address: the socket's, unless that peer is a trusted proxy — then walk
   * X-Forwarded-For from the right past every trusted hop; the first untrusted one is the client.
   */
  clientAddress(remote: string | undefined, forwardedFor: string | undefined): string | undefined {
    const peer = remote ? normalizeAddress(remote) : undefined;
    if (!this.has(peer) || !forwardedFor) return peer;
    const hops = forwardedFor.split(",").map(normalizeAddress).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!isIP(hop)) return peer; // a garbled header is no better than none
      if (!this.has(hop)) return hop;
    }
    return hops[0] ?? peer;
  }
}
