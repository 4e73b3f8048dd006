"""The directory under waitress plus two baseline routes, for benchmarks only: `bench_server.py FILE PORT`.

`/_bench/ok` is the least a route can do; `/_bench/bytes/<n>` is the same with a body of n bytes (the
floor for any answer of that size); `/_bench/contacts.vcf` sends the file named by $BENCH_STATIC_FILE
(bench_web.py saves the bytes of `/contacts.vcf` there). None of them exists in the product.
"""

from __future__ import annotations

import os
import sys

import waitress
from flask import Response, send_file

from contacts_app import create_app


def main() -> None:
    path, port = sys.argv[1], int(sys.argv[2])
    app = create_app({"CONTACTS_FILE": path})
    app.add_url_rule("/_bench/ok", "bench_ok", lambda: Response("ok", content_type="text/plain"))
    app.add_url_rule(
        "/_bench/bytes/<int:n>", "bench_bytes", lambda n: Response(b"x" * n, content_type="text/html; charset=utf-8")
    )
    app.add_url_rule(
        "/_bench/contacts.vcf", "bench_static",
        lambda: send_file(os.environ["BENCH_STATIC_FILE"], mimetype="text/vcard", conditional=True),
    )
    waitress.serve(app, host="127.0.0.1", port=port, threads=8, ident="contacts")


if __name__ == "__main__":
    main()
