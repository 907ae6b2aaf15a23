"""SpineBot's conversation fuzzer (issue 14): every state of the dialogue, every off-script
message of tests/fuzz/offscript.yml, checked against the invariants of invariants.py.

Modules: corpus (the messages, sampling), states (the states and their scripts), tracker (reading
a conversation back from the SQLite tracker store), invariants (pure checks), walker (running the
conversations), client (HTTP), stack (the servers for the CLI), report (the table), cli.
"""
