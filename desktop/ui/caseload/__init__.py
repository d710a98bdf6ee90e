"""The caseload screen: search, status filter, the people table and its alerts column."""
