import { createServer, type Server } from 'node:net';

// A small clamd for tests, on a real TCP port, speaking the INSTREAM protocol: "zINSTREAM\0",
// then chunks of a 4-byte big-endian length and data, ended by a zero length. It answers
// "stream: OK" or "stream: <name> FOUND" when the stream holds `signature`; in mode 'error' it
// answers an ERROR, in mode 'silent' nothing at all.

export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export type FakeClamd = {
  port: number;
  mode: 'scan' | 'error' | 'silent';
  /** Bytes of the streams received, in order. */
  received: Buffer[];
  close(): Promise<void>;
};

export async function startFakeClamd(): Promise<FakeClamd> {
  const state: FakeClamd = {
    port: 0,
    mode: 'scan',
    received: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((socket) => {
    let buf = Buffer.alloc(0);
    let commandRead = false;
    const parts: Buffer[] = [];
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!commandRead) {
        const end = buf.indexOf(0);
        if (end < 0) return;
        if (buf.subarray(0, end).toString() !== 'zINSTREAM') {
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
        commandRead = true;
        buf = buf.subarray(end + 1);
      }
      while (buf.length >= 4) {
        const len = buf.readUInt32BE(0);
        if (len === 0) {
          const stream = Buffer.concat(parts);
          state.received.push(stream);
          if (state.mode === 'silent') return;
          if (state.mode === 'error') socket.end('INSTREAM size limit exceeded. ERROR\0');
          else if (stream.includes(EICAR)) socket.end('stream: Eicar-Test-Signature FOUND\0');
          else socket.end('stream: OK\0');
          return;
        }
        if (buf.length < 4 + len) return;
        parts.push(buf.subarray(4, 4 + len));
        buf = buf.subarray(4 + len);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  return state;
}
