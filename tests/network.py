"""A TCP relay a test can cut, hang or restore, to make a real service unreachable."""

import contextlib
import socket
import threading

from .serving import free_port


class Relay:
    """Forwards 127.0.0.1:<port> to `target`.

    stop() closes the port, like a service that is down; hang() accepts
    connections and never answers, like a service that is stuck; start()
    forwards again. freeze() keeps every connection open, old and new, and forwards
    nothing (a server or network path that takes the bytes and never answers); thaw()
    lets what was held go on.
    """

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.sockets = []
        self.listener = None
        self.hanging = False
        self.flowing = threading.Event()
        self.flowing.set()

    def freeze(self):
        self.flowing.clear()

    def thaw(self):
        self.flowing.set()

    def start(self):
        self.stop()
        self.hanging = False
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def hang(self):
        self.start()
        self.hanging = True

    def stop(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        for sock in [sock for sock in [self.listener, *self.sockets] if sock is not None]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()
        self.listener = None

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            self.sockets.append(client)
            if self.hanging:
                continue
            self.flowing.wait()
            upstream = socket.create_connection(self.target)
            self.sockets.append(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
