#!/usr/bin/env python3
"""Start-up to first response of the quickstart example, from a plain `java` command.

Runs `java -cp <class path> org.cerise.examples.quickstart.HelloWorld` (no JVM option) several
times and measures, for each run, the time from launching `java` to the first `Hello world!`
answered over HTTP. The client is one process that tries a connection every 5 ms: a loop that
spawns `curl` every few milliseconds takes a good part of a 2-core machine from the JVM it
measures (about 0.15 s more per start here).

Needs the example built: `mvn -B install -DskipTests` (it writes
bundles/examples/quickstart/target/classpath.txt). Usage:

    python3 tools/quickstart_startup.py [--rounds 10] [--first] [--port 8097]

--first gives each run a fresh framework cache (as the first start after a build);
otherwise the first run fills the cache and is not counted.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, 'bundles', 'examples', 'quickstart')


def class_path():
    listed = os.path.join(EXAMPLE, 'target', 'classpath.txt')
    classes = os.path.join(EXAMPLE, 'target', 'classes')
    if not os.path.isfile(listed) or not os.path.isdir(classes):
        sys.exit(f'{listed} or {classes} is missing: build first with  mvn -B install -DskipTests')
    with open(listed) as f:
        return f.read().strip() + os.pathsep + classes


def first_response(port, timeout=30.0):
    """Polls until GET / answers with Hello world!; returns the monotonic time it did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=5) as s:
                s.sendall(b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
                data = b''
                while True:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    data += chunk
            if b'Hello world!' in data:
                return time.monotonic()
        except OSError:
            pass  # not listening yet
        time.sleep(0.005)
    return None


def one_run(cp, port, fresh_cache):
    command = ['java']
    if fresh_cache:
        command.append('-Dcerise.quickstart.cache=false')
    command += ['-cp', cp, 'org.cerise.examples.quickstart.HelloWorld']
    env = dict(os.environ, CERISE_PORT=str(port))
    started = time.monotonic()
    java = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    answered = first_response(port)
    java.terminate()
    _, err = java.communicate(timeout=15)
    if answered is None:
        sys.exit('no Hello world! within 30 s; the container said:\n' + err.decode(errors='replace')[-3000:])
    return (answered - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--rounds', type=int, default=10)
    parser.add_argument('--first', action='store_true', help='a fresh framework cache at each run')
    parser.add_argument('--port', type=int, default=8097)
    args = parser.parse_args()
    with socket.socket() as probe:
        if probe.connect_ex(('127.0.0.1', args.port)) == 0:
            sys.exit(f'port {args.port} is taken: choose another with --port')
    cp = class_path()
    if not args.first:
        one_run(cp, args.port, False)  # fills the cache for this class path
    times = [one_run(cp, args.port, args.first) for _ in range(args.rounds)]
    print('runs (ms):', ' '.join(f'{t:.0f}' for t in times))
    print(f'{"first" if args.first else "later"} starts: min {min(times):.0f} ms, '
          f'median {statistics.median(times):.0f} ms, max {max(times):.0f} ms ({len(times)} runs)')


if __name__ == '__main__':
    main()
