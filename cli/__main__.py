"""``python -m cli`` is the ``kiosk`` command (the console script and the bundle run the same `cli.main.main`)."""

from cli.main import main

if __name__ == "__main__":  # not when multiprocessing's spawn re-imports the main module (kiosk bench)
    raise SystemExit(main())
