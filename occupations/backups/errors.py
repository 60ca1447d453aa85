class BackupError(Exception):
    """A backup or restore that cannot be made; the message says why and what to do."""
