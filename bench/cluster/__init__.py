"""`make cluster` and `make cluster-check`: two app servers behind nginx (bench/cluster/)."""
