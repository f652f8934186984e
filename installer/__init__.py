"""Building the offline installer: the PyInstaller bundle and its tarball."""
