"""`consilience serve`: a local, read-only web app over the store (Starlette + Jinja2).

``create_app(db_path)`` returns the ASGI app; ``serve(db_path, host, port)``
runs it with uvicorn.  The database is opened read-only (SQLite ``mode=ro``
URI plus ``PRAGMA query_only``): the app never writes.
"""

from consilience.web.app import create_app, serve

__all__ = ["create_app", "serve"]
