"""Entry script of the PyInstaller bundle: the ``kiosk`` command (``dist/kiosk/kiosk``)."""

import multiprocessing

from cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `kiosk bench` measures memory in a spawned child process
    raise SystemExit(main())
