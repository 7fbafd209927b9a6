#!/usr/bin/python3
"""Ask real CherryPy and Cerise the same raw HTTP questions and report where they differ.

Start both first:
    /usr/bin/python3 ../shared/cherrypy/reference_server.py --port 8181   # CherryPy 18.8
    distribution/target/cerise/bin/cerise                                  # Cerise on 8080
then run:
    /usr/bin/python3 tools/compare_with_cherrypy.py [CHERRYPY_PORT CERISE_PORT [NAME_FILTER ...]]

Each case is one raw request (or several, for keep-alive and pipelining) sent over a socket
exactly as written. Compared: status lines, the key headers, and bodies; error pages are
compared without their traceback and footer (Python tracebacks and Java stack traces differ by
design), random tutorial strings by length, Last-Modified by presence; the tutorials' pages after
rewriting CherryPy's URLs as Cerise's pages write them (PAGE_REWRITES). Known differences are
listed in README.md.
"""
import re
import socket
import sys
A = ('127.0.0.1', int(sys.argv[1]) if len(sys.argv) > 1 else 8181)
B = ('127.0.0.1', int(sys.argv[2]) if len(sys.argv) > 2 else 8080)
KEY_HEADERS = ['content-type', 'content-length', 'location', 'connection', 'keep-alive', 'allow', 'transfer-encoding', 'set-cookie',
               'accept-ranges', 'content-range', 'last-modified']

def raw(addr, data, timeout=3):
    s = socket.create_connection(addr); s.settimeout(timeout)
    s.sendall(data)
    out = b''
    try:
        while True:
            c = s.recv(65536)
            if not c: break
            out += c
    except socket.timeout:
        pass
    s.close()
    return out

def parse(resp):
    responses = []
    while resp:
        head, _, rest = resp.partition(b'\r\n\r\n')
        lines = head.decode('latin-1').split('\r\n')
        status = lines[0]
        hdrs = {}
        for l in lines[1:]:
            k, _, v = l.partition(':'); hdrs.setdefault(k.strip().lower(), []).append(v.strip())
        if 'content-length' in hdrs:
            n = int(hdrs['content-length'][0]); body, resp = rest[:n], rest[n:]
        elif 'chunked' in ','.join(hdrs.get('transfer-encoding', [])):
            body = b''
            while True:
                size, _, rest = rest.partition(b'\r\n'); n = int(size, 16)
                body += rest[:n]; rest = rest[n+2:]
                if n == 0: break
            resp = rest[2:] if rest.startswith(b'\r\n') else rest
        else:
            body, resp = rest, b''
        if status.startswith('HTTP/1.1 100'):
            responses.append((status, hdrs, b'')); continue
        responses.append((status, hdrs, body))
    return responses

CASES = [
 ('tut01 index', b'GET /tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 no slash', b'GET /tut01 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 no slash qs', b'GET /tut01?a=1&b=2 HTTP/1.1\r\nHost: h:81\r\nConnection: close\r\n\r\n'),
 ('tut01 index explicit', b'GET /tut01/index HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 index/', b'GET /tut01/index/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 missing', b'GET /tut01/nope HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 extra qs', b'GET /tut01/?x=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 vpath', b'GET /tut01/index/extra HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 HEAD', b'HEAD /tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 POST no CL', b'POST /tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 POST empty', b'POST /tut01/ HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
 ('tut01 POST form extra', b'POST /tut01/ HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\nx=1'),
 ('tut01 PUT no CL', b'PUT /tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 DELETE', b'DELETE /tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 OPTIONS', b'OPTIONS /tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 TRACE', b'TRACE /tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut01 PATCH no body', b'PATCH /tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('http10', b'GET /tut01/ HTTP/1.0\r\n\r\n'),
 ('http10 keepalive', b'GET /tut01/ HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nGET /tut02/ HTTP/1.0\r\n\r\n'),
 ('http10 redirect', b'GET /tut01 HTTP/1.0\r\n\r\n'),
 ('http10 redirect host', b'GET /tut01 HTTP/1.0\r\nHost: example.org\r\n\r\n'),
 ('pipelined', b'GET /tut01/ HTTP/1.1\r\nHost: h\r\n\r\nGET /tut02/ HTTP/1.1\r\nHost: h\r\n\r\nGET /tut02/generate/x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('expect 100', b'POST /tut04/generate HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\nExpect: 100-continue\r\nConnection: close\r\n\r\nlength=0'),
 ('chunked body', b'POST /tut04/generate HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n8\r\nlength=0\r\n0\r\n\r\n'),
 ('version 3', b'GET /tut01/ HTTP/3.0\r\nHost: h\r\n\r\n'),
 ('not mounted', b'GET /nothing/here HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('root', b'GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('absolute form', b'GET http://h/tut01/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut02 index', b'GET /tut02/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut02 generate', b'GET /tut02/generate HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut02 generate/', b'GET /tut02/generate/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut02 generate arg', b'GET /tut02/generate?length=3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut02 generate vpath', b'GET /tut02/generate/3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 generate', b'GET /tut03/generate HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 len16', b'GET /tut03/generate?length=16 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 vpath16', b'GET /tut03/generate/16 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 vpath16 + qs', b'GET /tut03/generate/16?length=3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 vpath too many', b'GET /tut03/generate/16/3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 len abc', b'GET /tut03/generate?length=abc HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 len 23', b'GET /tut03/generate?length=23 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 len 0', b'GET /tut03/generate?length=0 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 len 22', b'GET /tut03/generate?length=22 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 extra qs', b'GET /tut03/generate?length=4&foo=1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 bad utf8 qs', b'GET /tut03/generate?length=%ff HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut03 punct', b'GET /tut03/gen-erate HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut04 index', b'GET /tut04/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut04 form get', b'GET /tut04/generate?length=8 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut04 form post', b'POST /tut04/generate HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\nConnection: close\r\n\r\nlength=12'),
 ('tut04 post extra body', b'POST /tut04/generate HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 16\r\nConnection: close\r\n\r\nlength=12&zzz=1&'),
 ('tut04 post dup body+qs', b'POST /tut04/generate?length=3 HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\nConnection: close\r\n\r\nlength=12'),
 ('tut04 post vpath + body', b'POST /tut04/generate/3 HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\nConnection: close\r\n\r\nlength=12'),
 ('tut04 post multipart', b'POST /tut04/generate HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 68\r\nConnection: close\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name="length"\r\n\r\n5\r\n--XyZ--\r\n'),
 ('tut04 post json', b'POST /tut04/generate HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}'),
 ('tut05 index', b'GET /tut05/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut05 generate', b'GET /tut05/generate?length=6 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut05 display without session', b'GET /tut05/display HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut05 unknown session id', b'GET /tut05/display HTTP/1.1\r\nHost: h\r\nCookie: session_id=0123456789abcdef0123456789abcdef01234567\r\nConnection: close\r\n\r\n'),
 ('tut05 head', b'HEAD /tut05/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut07 get without session', b'GET /tut07/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut07 post', b'POST /tut07/ HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
 ('tut07 post length', b'POST /tut07/ HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\nConnection: close\r\n\r\nlength=12'),
 ('tut07 post no length', b'POST /tut07/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut07 accept json', b'GET /tut07/ HTTP/1.1\r\nHost: h\r\nAccept: application/json\r\nConnection: close\r\n\r\n'),
 ('tut07 put', b'PUT /tut07/?another_string=hello HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
 ('tut07 put missing arg', b'PUT /tut07/ HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
 ('tut07 delete', b'DELETE /tut07/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut07 options', b'OPTIONS /tut07/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut07 patch no body', b'PATCH /tut07/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut07 patch body', b'PATCH /tut07/ HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1'),
 ('tut07 surplus segment', b'GET /tut07/x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut07 no slash', b'GET /tut07 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut07 head', b'HEAD /tut07/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 # tutorial 6: the page, and the stylesheet from the staticdir tool
 ('tut06 index', b'GET /tut06/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 style.css', b'GET /tut06/static/css/style.css HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 style.css HEAD', b'HEAD /tut06/static/css/style.css HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 style.css not modified', b'GET /tut06/static/css/style.css HTTP/1.1\r\nHost: h\r\nIf-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\nConnection: close\r\n\r\n'),
 ('tut06 style.css modified since', b'GET /tut06/static/css/style.css HTTP/1.1\r\nHost: h\r\nIf-Modified-Since: Mon, 01 Jan 1979 00:00:00 GMT\r\nConnection: close\r\n\r\n'),
 ('tut06 style.css range', b'GET /tut06/static/css/style.css HTTP/1.1\r\nHost: h\r\nRange: bytes=0-3\r\nConnection: close\r\n\r\n'),
 ('tut06 style.css POST', b'POST /tut06/static/css/style.css HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
 ('tut06 static folder', b'GET /tut06/static/css/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 static no slash', b'GET /tut06/static HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 static missing', b'GET /tut06/static/nope.css HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 static climbs out', b'GET /tut06/static/../tut06.conf HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 static climbs out encoded', b'GET /tut06/static/%2e%2e/tut06.conf HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 static dotdot inside', b'GET /tut06/static/css/../css/style.css HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 static qs', b'GET /tut06/static/css/style.css?v=2 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 generate', b'GET /tut06/generate?length=12 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut06 display without session', b'GET /tut06/display HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 # tutorials 8 and 9: the page (index.html), its stylesheet, and the generator's verbs
 ('tut08 index', b'GET /tut08/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut08 style.css', b'GET /tut08/static/css/style.css HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut08 generator get without session', b'GET /tut08/generator HTTP/1.1\r\nHost: h\r\nAccept: text/plain\r\nConnection: close\r\n\r\n'),
 ('tut08 generator post', b'POST /tut08/generator HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\nConnection: close\r\n\r\nlength=8'),
 ('tut08 generator put', b'PUT /tut08/generator HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 20\r\nConnection: close\r\n\r\nanother_string=hello'),
 ('tut08 generator delete', b'DELETE /tut08/generator HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut08 generator accept json', b'GET /tut08/generator HTTP/1.1\r\nHost: h\r\nAccept: application/json\r\nConnection: close\r\n\r\n'),
 ('tut08 generator options', b'OPTIONS /tut08/generator HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut08 generator/', b'GET /tut08/generator/ HTTP/1.1\r\nHost: h\r\nAccept: text/plain\r\nConnection: close\r\n\r\n'),
 ('tut09 index', b'GET /tut09/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut09 style.css', b'GET /tut09/static/css/style.css HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut09 generator get without session', b'GET /tut09/generator HTTP/1.1\r\nHost: h\r\nAccept: text/plain\r\nConnection: close\r\n\r\n'),
 ('tut09 generator post', b'POST /tut09/generator HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\nConnection: close\r\n\r\nlength=16'),
 ('tut09 generator post bad length', b'POST /tut09/generator HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\nConnection: close\r\n\r\nlength=abc'),
 ('tut09 generator put', b'PUT /tut09/generator HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 20\r\nConnection: close\r\n\r\nanother_string=hello'),
 ('tut09 generator delete', b'DELETE /tut09/generator HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n'),
 ('tut09 generator head', b'HEAD /tut09/generator HTTP/1.1\r\nHost: h\r\nAccept: text/plain\r\nConnection: close\r\n\r\n'),
]

def norm_cookie(c):
    """Session ids and dates differ on every run: compare the cookie's shape."""
    if c is None:
        return None
    if isinstance(c, list):
        return [norm_cookie(x) for x in c]
    c = re.sub(r'=[0-9a-f]{40}', '=ID', c)
    return re.sub(r'expires=\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT', 'expires=DATE', c)

def norm_body(b):
    t = b.decode('utf-8', 'replace')
    if '<pre id="traceback">' in t:
        t = re.sub(r'<pre id="traceback">.*?</pre>', '<pre id="traceback">TB</pre>', t, flags=re.S)
        t = re.sub(r'Powered by .*?\n', 'Powered by X\n', t)
        t = re.sub(r'\s+$', '', t)
        t = re.sub(r'<a href="http://www.cherrypy.dev">(CherryPy [^<]*)</a>', 'X', t)
    return t

# Transcripts: requests sent one after the other on fresh connections, each server's
# session_id cookie (from its first answer) carried into the next ones, as a browser does.
def transcript(prefix):
    form = lambda m, body: (m + b' ' + prefix + b'generator HTTP/1.1\r\nHost: h\r\n{cookie}Content-Type: '
                            b'application/x-www-form-urlencoded\r\nContent-Length: ' + str(len(body)).encode()
                            + b'\r\nConnection: close\r\n\r\n' + body)
    get = b'GET ' + prefix + b'generator HTTP/1.1\r\nHost: h\r\n{cookie}Accept: text/plain\r\nConnection: close\r\n\r\n'
    return [form(b'POST', b'length=8'), get, form(b'PUT', b'another_string=hello'), get,
            b'DELETE ' + prefix + b'generator HTTP/1.1\r\nHost: h\r\n{cookie}Connection: close\r\n\r\n', get]

TRANSCRIPTS = [
 ('tut08 transcript post get put get delete get', transcript(b'/tut08/')),
 ('tut09 transcript post get put get delete get', transcript(b'/tut09/')),
 ('tut06 transcript generate display', [
     b'GET /tut06/generate HTTP/1.1\r\nHost: h\r\n{cookie}Connection: close\r\n\r\n',
     b'GET /tut06/display HTTP/1.1\r\nHost: h\r\n{cookie}Connection: close\r\n\r\n']),
]

def run_transcript(addr, requests):
    cookie, out, generated = b'', [], None
    for template in requests:
        r = parse(raw(addr, template.replace(b'{cookie}', cookie)))
        for (_, hdrs, _) in r:
            for c in hdrs.get('set-cookie', []):
                m = re.match(r'session_id=([0-9a-f]+)', c)
                if m and not cookie:
                    cookie = b'Cookie: session_id=' + m.group(1).encode() + b'\r\n'
        out.extend(r)
    return out

for name, reqs in TRANSCRIPTS:
    CASES.append((name, reqs))

# Deliberate differences: the tutorials' pages use root-relative URLs (/static/..., /generator),
# which miss when the app is mounted at /tutNN, and load jQuery from a CDN; Cerise's pages use
# relative URLs and the app's own copy. CherryPy's page is rewritten so, then compared.
PAGE_REWRITES = [(b'href="/static/', b'href="static/'), (b'"/generator"', b'"generator"'),
                 (b'http://code.jquery.com/jquery-2.0.3.min.js', b'static/lib/jquery/2.0.3/jquery.min.js')]
REWRITTEN = ('tut06 index', 'tut08 index', 'tut09 index')

def rewrite_page(resp):
    status, hdrs, body = resp
    for a, b in PAGE_REWRITES:
        body = body.replace(a, b)
    hdrs = dict(hdrs); hdrs['content-length'] = [str(len(body))]
    return status, hdrs, body

only = sys.argv[3:] if len(sys.argv) > 3 else None
for name, req in CASES:
    if only and not any(o in name for o in only): continue
    if isinstance(req, list):
        ra = run_transcript(A, req); rb = run_transcript(B, req)
    else:
        ra = parse(raw(A, req)); rb = parse(raw(B, req))
        if name in REWRITTEN:
            ra = [rewrite_page(r) for r in ra]
    diffs = []
    if len(ra) != len(rb): diffs.append('responses: %d vs %d' % (len(ra), len(rb)))
    for i, (x, y) in enumerate(zip(ra, rb)):
        if x[0] != y[0]: diffs.append('[%d] status %r vs %r' % (i, x[0], y[0]))
        for h in KEY_HEADERS:
            hx, hy = x[1].get(h), y[1].get(h)
            if h == 'content-length' and ('<pre id="traceback">' in x[2].decode('latin-1') or x[0].split()[1] in ('400','404','500','411')): continue
            if h == 'set-cookie': hx, hy = norm_cookie(hx), norm_cookie(hy)
            # the files' times differ (CherryPy's were written at its start, Cerise's are in a jar)
            if h == 'last-modified': hx, hy = hx is not None, hy is not None
            if hx != hy: diffs.append('[%d] %s: %r vs %r' % (i, h, hx, hy))
        bx, by = norm_body(x[2]), norm_body(y[2])
        random_body = re.fullmatch(r'[0-9a-fA-F]{0,22}', bx) and re.fullmatch(r'[0-9a-fA-F]{0,22}', by)
        if random_body:
            if len(bx) != len(by): diffs.append('[%d] random body length %d vs %d' % (i, len(bx), len(by)))
        elif bx != by:
            diffs.append('[%d] body differs:\n   CP: %r\n   CE: %r' % (i, bx[:300], by[:300]))
    print(('OK   ' if not diffs else 'DIFF ') + name)
    for d in diffs: print('     ' + d)
