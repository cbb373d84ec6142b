import { describe, expect, it, vi } from 'vitest';
import { externalHttpUrl, isAppUrl, openExternalLink } from './trusted-url.js';

describe('isAppUrl: only the desk page itself is trusted', () => {
  it.each(['app://desk/index.html', 'app://desk/', 'app://desk/assets/index-abc.js', 'app://desk/index.html?x=1#top'])('trusts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a host that starts like ours', 'app://desk.evil.com/index.html'],
    ['a host that ends like ours', 'app://evildesk/index.html'],
    ['credentials before the host', 'app://desk@evil/index.html'],
    ['user and password', 'app://user:pass@desk/index.html'],
    ['a port', 'app://desk:8080/index.html'],
    ['another scheme, same host', 'http://desk/index.html'],
    ['https with our name in the path', 'https://evil.example/app://desk/'],
    ['file', 'file:///opt/clinic-desk/out/renderer/index.html'],
    ['about:blank', 'about:blank'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['no slashes', 'app:desk/index.html'],
    ['upper-case host (Chromium lower-cases ours)', 'app://DESK/index.html'],
    ['empty', ''],
    ['not a URL', 'desk'],
    ['not a string', 42],
    ['null', null],
    ['undefined', undefined],
    ['very long', `app://desk/${'a'.repeat(5000)}`],
  ])('refuses %s', (_why, url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('externalHttpUrl: only plain http(s) links leave for the system browser', () => {
  it.each([
    ['https://www.example.com/help', 'https://www.example.com/help'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://EXAMPLE.COM/A', 'https://example.com/A'],
    ['https://example.com/?next=app://desk', 'https://example.com/?next=app://desk'],
  ])('opens %s as %s', (url, normalised) => {
    expect(externalHttpUrl(url)).toBe(normalised);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox(1)',
    'data:text/html,hi',
    'app://desk/index.html',
    'chrome://settings',
    'ftp://example.com/file',
    'mailto:someone@example.com',
    'https://user:pass@evil.example/',
    'https://attacker@example.com/',
    'http://',
    'https:',
    '',
    'example.com',
    '//example.com/path',
  ])('refuses %s', (url) => {
    expect(externalHttpUrl(url)).toBeNull();
  });

  it('opens the normalised address, never the raw input', async () => {
    const open = vi.fn(() => Promise.resolve());
    await expect(openExternalLink('  https://EXAMPLE.com/a b', open)).resolves.toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.com/a%20b');
    await expect(openExternalLink('file:///etc/passwd', open)).resolves.toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });
});
