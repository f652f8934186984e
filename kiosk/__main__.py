"""``python -m kiosk`` is the ``kiosk`` command."""

from kiosk.cli import main

if __name__ == "__main__":  # not when multiprocessing's spawn re-imports the main module (kiosk bench)
    raise SystemExit(main())
