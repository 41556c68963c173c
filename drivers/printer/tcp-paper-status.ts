import { connect } from 'node:net';

/** DLE EOT 4: transmit the roll paper sensor status (ESC/POS real-time command). */
const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);
/** bits 5 and 6 of the answer: paper end detected */
const PAPER_END = 0x60;

export type PaperStatus = 'ok' | 'paper_out' | 'unknown';

/**
 * Asks a network printer for its paper sensor with DLE EOT 4 and waits up to `timeoutMs` for
 * the one status byte. A printer that does not answer real-time commands gives 'unknown'
 * (treated as able to print); a refused connection rejects.
 */
export function tcpPaperStatus(host: string, port: number, timeoutMs = 500): Promise<PaperStatus> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const done = (fn: () => void) => {
      clearTimeout(timer);
      socket.destroy();
      fn();
    };
    const timer = setTimeout(() => done(() => resolve('unknown')), timeoutMs);
    socket.once('connect', () => socket.write(DLE_EOT_PAPER));
    socket.once('data', (data) => {
      const status = data[0];
      // a status byte always has bit 4 set and bit 7 clear; anything else is not an answer
      if (status === undefined || (status & 0x90) !== 0x10) return done(() => resolve('unknown'));
      done(() => resolve(status & PAPER_END ? 'paper_out' : 'ok'));
    });
    socket.once('error', (err) => done(() => reject(err)));
  });
}

/** host and port of a `tcp://host:port` interface (port 9100 when absent). */
export function tcpAddress(uri: string): { host: string; port: number } | null {
  const m = /^tcp:\/\/([^/:]+)(?::(\d+))?\/?$/i.exec(uri);
  return m ? { host: m[1]!, port: Number(m[2] ?? 9100) } : null;
}
