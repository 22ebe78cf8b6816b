import { networkInterfaces } from 'node:os';

/** An address of this machine, as `os.networkInterfaces()` lists it. */
export interface InterfaceAddress {
  address: string;
  family: string;
  internal: boolean;
}

/** This machine's addresses that others on the network may use (not loopback). */
export function externalAddresses(): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const { address, family, internal } of list ?? []) {
      if (!internal) out.push({ address, family, internal });
    }
  }
  return out;
}

/**
 * What local mode on an address others can reach hands out, and to whom: printed at start when
 * LOCAL_MODE_EXPOSED_TO_NETWORK accepted it, so the person who started it sees the risk.
 */
export function localModeReachNotice(host: string, port: number, addresses: InterfaceAddress[]): string[] {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const urls = wildcard
    ? addresses.map((a) => `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${port}`)
    : [`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`];
  return [
    `  WARNING: local mode listens on ${host} (LOCAL_MODE_EXPOSED_TO_NETWORK=true), not on loopback.`,
    `  Anyone who can reach ${urls.length === 0 ? `port ${port} of this machine` : urls.join(', ')} can:`,
    '    - create Webex people and read their tokens at /emulator/_admin (no authentication),',
    '    - read the orders API token at /local/config.json, and with it create and read orders at /api,',
    '    - use the browser client at / as any person of the emulator.',
    '  Those three answer only requests naming a loopback host (Host: localhost), so browsers elsewhere',
    '  get 421, but any other client can name it. The Webex API of the emulator (/emulator/v1, with a',
    "  person's token), webhooks, health and /metrics answer everyone. Use HOST=127.0.0.1 to keep it local.",
  ];
}
