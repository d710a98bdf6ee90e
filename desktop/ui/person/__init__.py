"""The person screen: a header and the tabs listed in ``tabs.TABS``."""
