/**
 * The text of a font-card area: GBK bytes with in-text control codes (`\FO000` font,
 * `\C1` colour, `\n` line break). Pure. The card's stock fonts are GB2312, a subset of GBK.
 */
import { decodeGbk, encodeGbk } from '../../bus/protocol.js';

export const COLOURS = { red: 1, green: 2, yellow: 3, blue: 4, cyan: 5, magenta: 6, white: 7 } as const;
export type ColourName = keyof typeof COLOURS;
export const COLOUR_NAMES = Object.keys(COLOURS) as ColourName[];

/** the Chinese font of each pixel height the cards carry */
export const FONT_SIZES = [16, 24, 32] as const;
export type FontSize = (typeof FONT_SIZES)[number];

export interface TextStyle {
  fontSize: FontSize;
  /** the ticket number at the start of a line (A012 in `A012 请到3号窗口`) */
  numberColor: ColourName;
  textColor: ColourName;
}

/** the largest card font that fits a line of this many pixels */
export function fontFor(lineHeight: number): FontSize {
  return [...FONT_SIZES].reverse().find((s) => s <= lineHeight) ?? 16;
}

const TICKET_NUMBER = /^([A-Z]{1,2}\d{1,4})(?=\s|$)/;

/** A backslash would start a control code on the card; the full-width one looks the same. */
const plain = (text: string) => text.replace(/\\/g, '＼');

function colouredLine(line: string, style: TextStyle): string {
  const text = plain(line);
  const number = TICKET_NUMBER.exec(text)?.[1];
  const c = (name: ColourName) => `\\C${COLOURS[name]}`;
  if (!number || style.numberColor === style.textColor) return `${c(style.textColor)}${text}`;
  const rest = text.slice(number.length);
  return `${c(style.numberColor)}${number}${rest ? `${c(style.textColor)}${rest}` : ''}`;
}

/** The Data of an area showing these lines, one font for all (an area must not mix heights). */
export function encodeAreaText(lines: readonly string[], style: TextStyle): Buffer {
  const font = `\\FO00${FONT_SIZES.indexOf(style.fontSize)}`;
  return encodeGbk(font + lines.map((l) => colouredLine(l, style)).join('\\n'));
}

export interface TextRun {
  colour: number;
  text: string;
}

/** What a card would show for an area's Data: lines of coloured runs, control codes taken out. */
export function decodeAreaText(data: Buffer): TextRun[][] {
  const text = decodeGbk(data);
  const lines: TextRun[][] = [[]];
  let colour = 0;
  let run = '';
  const flush = () => {
    if (run) lines[lines.length - 1]!.push({ colour, text: run });
    run = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\') {
      run += ch;
      continue;
    }
    const code = text[i + 1];
    if (code === 'n') {
      flush();
      lines.push([]);
      i += 1;
    } else if (code === 'C') {
      flush();
      colour = Number(text[i + 2]);
      i += 2;
    } else if (code === 'F')
      i += 5; // \Fx + 3 digits
    else if (code === 'D')
      i += 2; // date and time fields are not simulated
    else run += ch;
  }
  flush();
  return lines;
}

export const runsText = (runs: readonly TextRun[]): string => runs.map((r) => r.text).join('');
