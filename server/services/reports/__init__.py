"""Reports: statistics, the complaint ledger and its files, periods, retention."""
