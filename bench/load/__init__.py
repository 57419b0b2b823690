"""`make load`: signed-in clients through nginx, clean and with faults (bench/load/)."""
