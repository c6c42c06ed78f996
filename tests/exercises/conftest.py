"""The answer files below are fragments of workspace files, not modules: never collect them."""

collect_ignore_glob = ["answers/*"]
