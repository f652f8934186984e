"""The admin back end: PIN and audit, what the admin screen can do, device checks, the recorder."""
