"""Errors the store raises. Every message says what happened and what to do next."""


class StoreError(Exception):
    """Base class; ``str(err)`` is a sentence fit to show a worker."""


class WrongPassphrase(StoreError):
    def __init__(self, msg="That passphrase is not right. Check Caps Lock and try again, "
                           "or unlock with your recovery code."):
        super().__init__(msg)


class WrongRecoveryCode(StoreError):
    def __init__(self, msg="That recovery code is not right. Check each group of characters "
                           "against the copy you stored when the store was set up."):
        super().__init__(msg)


class KeyFileMissing(StoreError):
    pass


class KeyFileDamaged(StoreError):
    pass


class StoreDamaged(StoreError):
    pass


class StoreTooNew(StoreError):
    pass


class StoreExists(StoreError):
    pass


class StoreLocked(StoreError):
    def __init__(self, msg="The store is locked. Unlock it first."):
        super().__init__(msg)


class StoreFull(StoreError):
    def __init__(self, msg="The disk is full, so nothing was saved. Free some space (or save to "
                           "another drive) and try again; what was saved before is safe."):
        super().__init__(msg)
