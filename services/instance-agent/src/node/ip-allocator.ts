/** An IPv4 CIDR block as its first address (a 32-bit number) and prefix length. */
export interface Ipv4Block {
  base: number;
  prefix: number;
}

export function parseCidr(text: string): Ipv4Block | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 30) return undefined;
  const address = octets.reduce((value, octet) => value * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  return { base: address - (address % size), prefix };
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

export function parseIpv4(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

/**
 * Hands out one loopback address per pod from a block (127.32.0.0/16 by default), so pods on one
 * machine can listen on the same port. Addresses ending in .0 or .255 are skipped. The search
 * resumes after the last address handed out, so a freed address is not reused at once.
 */
export class PodIpAllocator {
  private readonly byOwner = new Map<string, number>();
  private readonly owners = new Map<number, string>();
  private readonly first: number;
  private readonly count: number;
  private cursor = 0;

  constructor(block: Ipv4Block) {
    this.first = block.base;
    this.count = 2 ** (32 - block.prefix);
  }

  /** The owner's address: the one it has, else `preferred` if free and in the block, else the next free. */
  allocate(owner: string, preferred?: string): string | undefined {
    const held = this.byOwner.get(owner);
    if (held !== undefined) return formatIpv4(held);
    const wanted = preferred === undefined ? undefined : parseIpv4(preferred);
    if (wanted !== undefined && this.usable(wanted) && !this.owners.has(wanted))
      return this.take(owner, wanted);
    for (let step = 0; step < this.count; step++) {
      const address = this.first + ((this.cursor + step) % this.count);
      if (this.usable(address) && !this.owners.has(address)) {
        this.cursor = (address - this.first + 1) % this.count;
        return this.take(owner, address);
      }
    }
    return undefined;
  }

  release(owner: string): void {
    const address = this.byOwner.get(owner);
    if (address === undefined) return;
    this.byOwner.delete(owner);
    this.owners.delete(address);
  }

  get size(): number {
    return this.byOwner.size;
  }

  private usable(address: number): boolean {
    const last = address % 256;
    return address >= this.first && address < this.first + this.count && last !== 0 && last !== 255;
  }

  private take(owner: string, address: number): string {
    this.byOwner.set(owner, address);
    this.owners.set(address, owner);
    return formatIpv4(address);
  }
}
