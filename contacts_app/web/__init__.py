"""The directory on the web: the app, the store that swaps snapshots, the views, error pages, security, the static site."""
