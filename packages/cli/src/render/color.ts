/**
 * A few ANSI styles, on when a person is watching (the stream is a TTY) or
 * `FORCE_COLOR` asks for them, off with `NO_COLOR` (https://no-color.org).
 */

/** Functions that wrap text in one style each; identity when colour is off. */
export interface Colors {
  readonly enabled: boolean;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

type Style = (text: string) => string;

function style(open: number, close: number): Style {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const plain: Style = (text) => text;

/** The palette: styled when `enabled`, plain text otherwise. */
export function createColors(enabled: boolean): Colors {
  if (!enabled) {
    return { enabled, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  }
  return {
    enabled,
    bold: style(1, 22),
    dim: style(2, 22),
    red: style(31, 39),
    green: style(32, 39),
    yellow: style(33, 39),
    cyan: style(36, 39),
  };
}

/**
 * Whether to colour `stream`: `FORCE_COLOR` set to anything but `0`/`false`
 * forces colour on (even into a pipe), `FORCE_COLOR=0`/`false` or a non-empty
 * `NO_COLOR` (https://no-color.org) force it off; otherwise colour when the
 * stream is a terminal. Colour is the only escape sequence odac writes.
 */
export function shouldColor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true;
}
