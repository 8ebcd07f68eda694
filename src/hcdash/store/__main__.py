"""``python -m hcdash.store local-copy SPEC DATA_PATH PATH``: a lake replica's local copy of the
lake's current snapshot, made in a child process (``localcopy.build_in_child``); prints the
snapshot it holds."""

import sys
from pathlib import Path

from hcdash.store import open_store
from hcdash.store.localcopy import build


def main(argv: list[str]) -> int:
    if len(argv) != 4 or argv[0] != "local-copy":
        print("usage: python -m hcdash.store local-copy SPEC DATA_PATH PATH", file=sys.stderr)
        return 2
    _, spec, data_path, path = argv
    lake = open_store(spec, data_path)
    try:
        print(build(lake, Path(path)), flush=True)
    finally:
        lake.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
