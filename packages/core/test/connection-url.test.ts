import { OdacError, parseConnectionUrl, type UrlDialect } from '../src/index.js';

const dialect: UrlDialect = { what: 'an Example URL', schemes: ['ex', 'example'], example: 'ex://user:password@host:1234/db', defaultPort: 1234 };

function refusal(url: string, d: UrlDialect = dialect, read: (u: ReturnType<typeof parseConnectionUrl>) => unknown = () => undefined): OdacError {
  try {
    read(parseConnectionUrl(url, d));
  } catch (e) {
    expect(e).toBeInstanceOf(OdacError);
    expect((e as OdacError).code).toBe('CONNECT.BAD_URL');
    expect((e as OdacError).message).not.toContain('hunter2');
    return e as OdacError;
  }
  throw new Error(`${url} was accepted`);
}

describe('parseConnectionUrl', () => {
  it('decodes host, port, user, password and database', () => {
    const u = parseConnectionUrl('example://app:p%40ss%2Fw@[::1]:99/my%20db?x=1', dialect);
    expect(u).toMatchObject({ host: '::1', port: 99, user: 'app', password: 'p@ss/w', database: 'my db' });
    expect(parseConnectionUrl('ex://h/d', dialect)).toMatchObject({ port: 1234, user: '', password: '' });
    expect(parseConnectionUrl('ex:///d', dialect).host).toBe('localhost');
  });

  it('reads parameters: empty is absent; choices, flags and counts are checked', () => {
    const u = parseConnectionUrl('ex://h/d?a=&mode=on&ssl=YES&n=10', dialect);
    expect(u.param('a')).toBeUndefined();
    expect(u.choice('mode', ['on', 'off'])).toBe('on');
    expect(u.flag('ssl', ['yes'], ['no'])).toBe(true);
    expect(u.flag('missing', ['yes'], ['no'])).toBeUndefined();
    expect(u.count('n', 'seconds', 1)).toBe(10);
    expect(refusal('ex://u:hunter2@h/d?mode=maybe', dialect, (p) => p.choice('mode', ['on', 'off'])).message).toContain('mode=maybe');
    expect(refusal('ex://u:hunter2@h/d?ssl=perhaps', dialect, (p) => p.flag('ssl', ['yes'], ['no'])).message).toContain('ssl=perhaps');
    expect(refusal('ex://u:hunter2@h/d?n=1.5', dialect, (p) => p.count('n', 'seconds')).message).toContain('n=1.5');
    expect(refusal('ex://u:hunter2@h/d?n=0', dialect, (p) => p.count('n', 'seconds', 1)).message).toContain('n=0');
  });

  it('refuses what is not this dialect\'s URL, never showing the password', () => {
    expect(refusal('not a url').message).toContain('it is not a URL');
    expect(refusal('other://u:hunter2@h/d').message).toContain('the scheme is "other"');
    expect(refusal('ex://u:hunter2@h/d#x').message).toContain("'#'");
    expect(refusal('ex://u:hunter2@h/d%zz').message).toContain('percent-encode');
    expect(refusal('ex://u:hunter2@h/d?b=1&c=2', { ...dialect, known: ['a'] }).message).toContain('unknown parameters b, c');
    expect(parseConnectionUrl('ex://h/d?a=1', { ...dialect, known: ['a'] }).param('a')).toBe('1');
  });
});
