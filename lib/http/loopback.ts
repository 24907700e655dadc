import { isIP } from 'node:net';

/** Whether a client address is this machine's own (127.0.0.0/8, ::1, IPv4-mapped loopback). */
export function isLoopback(ip: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (v4) return isIP(v4) === 4 && v4.startsWith('127.');
  return ip === '::1' || ip === '0:0:0:0:0:0:0:1';
}
