"""The app's side: the SQLite store and the non-UI logic behind app.py."""
