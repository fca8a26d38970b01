/**
 * pg 8 prints "SECURITY WARNING: The SSL modes 'prefer', 'require', and
 * 'verify-ca' are treated as aliases for 'verify-full'" on stderr whenever a
 * URL has one of those modes, in the middle of odac's output. It announces
 * that pg checks more than libpq would (the certificate and host name), not
 * a weakness, so odac keeps pg's stricter meaning and leaves the notice out
 * (docs: add `uselibpqcompat=true` to the URL for libpq's meaning). Every
 * other warning passes through.
 */
const PG_SSL_NOTICE = /^SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases/;

/** Runs `make` (which builds a pg client or pool and parses its URL) without pg's SSL-mode notice. */
export function withoutSslNotice<T>(make: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (PG_SSL_NOTICE.test(text)) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emit;
  }
}
