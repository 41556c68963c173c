import QRCode from 'qrcode';

/** The QR code of a URL as an SVG string (no canvas needed), for the kiosk screen and the phone. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

/** The visitor's phone status page of a ticket. */
export function statusPageUrl(origin: string, ticketId: string, statusToken: string): string {
  return `${origin}/t/${encodeURIComponent(ticketId)}?token=${encodeURIComponent(statusToken)}`;
}
