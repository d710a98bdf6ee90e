"""The store tests run on both engines: the laptop's SQLCipher file and the PostgreSQL hub."""
import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    return request.param
