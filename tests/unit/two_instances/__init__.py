"""Two windows or commands on one journal, in one process, in two, and beside the command line."""
