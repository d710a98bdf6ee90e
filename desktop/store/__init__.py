"""The encrypted local store: SQLCipher connection, key life-cycle, migrations, repositories,
audit log. No Qt. The UI talks to ``Store`` and its repositories and never writes SQL."""
from desktop.store.errors import (  # noqa: F401
    StoreError, WrongPassphrase, WrongRecoveryCode, KeyFileMissing, KeyFileDamaged,
    StoreDamaged, StoreTooNew, StoreExists, StoreLocked, StoreFull,
)
