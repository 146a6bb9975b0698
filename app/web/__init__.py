"""The web app at /app and the offline API docs at /docs and /redoc: static files served by the API."""
